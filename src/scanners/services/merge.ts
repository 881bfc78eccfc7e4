import type { Observation, ObservationData } from '../../core/model/observation.js';
import type { Fact, Identified } from './identified.js';
import { fact } from './identified.js';
import type { NmapPort } from './nmap/xml.js';
import { canonicalNmapProduct, canonicalNmapService } from './products.js';
import { printable } from './text.js';

type Identity = ObservationData['service.identity'];

/**
 * One identity per port from the native conversation and nmap's report. The product is one
 * canonical name: the banner's when it named one, else nmap's; nmap's own words are kept beside.
 */
export function mergeIdentity(port: number, native: Identified | null, nmap: NmapPort | null, tls: boolean): Identity {
  const nmapProduct = nmap ? canonicalNmapProduct(nmap.product, nmap.version) : null;
  const nativeNamed = native !== null && native.service !== 'unknown';
  const product = native?.guess.product ?? nmapProduct;
  const fromNmap = nmap !== null && (nmap.product !== null || nmap.service !== null);
  const source: Identity['source'] = nativeNamed && fromNmap ? 'banner+nmap' : nativeNamed ? 'banner' : fromNmap ? 'nmap' : 'banner';
  const sameProduct = product !== null && product === nmapProduct;
  return {
    port,
    service: nativeNamed ? native.service : (canonicalNmapService(nmap?.service ?? null) ?? 'unknown'),
    product,
    version: native?.guess.version ?? (sameProduct || !native?.guess.product ? (nmap?.version ?? null) : null),
    extraInfo: native?.guess.extraInfo ?? (sameProduct || !native?.guess.product ? (nmap?.extraInfo ?? null) : null),
    cpe: nmap?.cpe.slice(0, 8) ?? [],
    tls: tls || nmap?.tunnel === 'ssl',
    banner: native?.banner ?? null,
    confidence: sameProduct ? 'high' : (native?.guess.confidence ?? (nmap?.confidence !== null && (nmap?.confidence ?? 0) >= 8 ? 'high' : 'low')),
    source,
    nmapService: nmap?.service ?? null,
    nmapProduct: nmap?.product ?? null,
    nmapVersion: nmap?.version ?? null,
    nmapConfidence: nmap?.confidence ?? null,
  };
}

const ALGORITHM_TABLES: ReadonlyArray<[string, Observation<'service.ssh-algorithm'>['data']['type']]> = [
  ['kex_algorithms', 'kex'],
  ['server_host_key_algorithms', 'hostkey'],
  ['encryption_algorithms', 'cipher'],
  ['mac_algorithms', 'mac'],
  ['compression_algorithms', 'compression'],
];

/**
 * Adds what nmap's scripts learnt to the native facts: the authentication methods offered
 * (ssh-auth-methods, which native code cannot learn without a key exchange) and, when the native
 * read of KEXINIT failed, the algorithms from ssh2-enum-algos.
 */
export function mergeFacts(port: number, facts: readonly Fact[], nmap: NmapPort | null): Fact[] {
  if (!nmap) return [...facts];
  const merged = [...facts];
  const sshIndex = merged.findIndex((f) => f.kind === 'service.ssh');
  const auth = nmap.scripts['ssh-auth-methods']?.tables['Supported authentication methods'];
  if (sshIndex >= 0) {
    const ssh = merged[sshIndex] as Extract<Fact, { kind: 'service.ssh' }>;
    const data = { ...ssh.data };
    if (auth) {
      data.authMethods = auth.map((m) => printable(m, 60)).slice(0, 20);
      data.passwordAuth = auth.includes('password') || auth.includes('keyboard-interactive');
    }
    const enumerated = nmap.scripts['ssh2-enum-algos']?.tables;
    if (data.algorithms === 0 && enumerated) {
      const listed = ALGORITHM_TABLES.flatMap(([key, type]) => (enumerated[key] ?? []).slice(0, 64).map((name) => fact('service.ssh-algorithm', { port, type, name: printable(name, 80) })));
      data.algorithms = listed.length;
      merged.push(...listed);
    }
    merged[sshIndex] = fact('service.ssh', data);
  }
  return merged;
}
