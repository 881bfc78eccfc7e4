import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { issue, type CertOptions, type Issued } from '../../fixtures/certs/generate.js';
import { assertSafeTarget } from './safety.js';
import type { FleetSite } from './tls-nginx.js';

/** How a certificate of the fleet is made. */
type CertKind = 'rsa' | 'ecdsa' | 'rsa1024-sha1' | 'expiring' | 'expired' | 'self-signed';
type DhKind = 'ffdhe2048' | 'dh1024';

/** One nginx server configuration. */
interface ServerConfig {
  protocols: string;
  ciphers?: string;
  preferServerCiphers?: boolean;
  cert: CertKind;
  dh?: DhKind;
  /** TLS 1.3 suites (OpenSSL Ciphersuites), when not OpenSSL's default three. */
  tls13Suites?: string;
  ecdhCurve?: string;
}

export interface TlsProfile {
  name: string;
  description: string;
  /** What the endpoint serves to a client without SNI (or with an SNI no server_name matches). */
  server: ServerConfig;
  /** A second server block on the same address, chosen by this SNI name (<name>-<host number>.bench.test). */
  sni?: ServerConfig;
}

const MOZILLA_INTERMEDIATE =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384';

/**
 * The mix of configurations, assigned to hosts round-robin (host n gets profile (n-1) mod 12).
 * OpenSSL 3.0 on the bench machine has no RC4, 3DES, EXPORT or SSLv2/SSLv3, so "legacy" means
 * TLS 1.0/1.1, CBC, static RSA key exchange, NULL and anonymous suites, weak keys and DH.
 */
export const PROFILES: readonly TlsProfile[] = [
  { name: 'modern', description: 'TLS 1.3 only, ECDSA P-256', server: { protocols: 'TLSv1.3', cert: 'ecdsa' } },
  {
    name: 'modern-ccm',
    description: 'TLS 1.3 only with AES-CCM suites, RSA',
    server: { protocols: 'TLSv1.3', cert: 'rsa', tls13Suites: 'TLS_AES_256_GCM_SHA384:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256' },
  },
  {
    name: 'intermediate',
    description: 'TLS 1.2+1.3, Mozilla intermediate (ECDHE/DHE AEAD), RSA, ffdhe2048',
    server: { protocols: 'TLSv1.2 TLSv1.3', ciphers: MOZILLA_INTERMEDIATE, preferServerCiphers: false, cert: 'rsa', dh: 'ffdhe2048' },
  },
  {
    name: 'intermediate-ecdsa',
    description: 'TLS 1.2+1.3, Mozilla intermediate, ECDSA',
    server: { protocols: 'TLSv1.2 TLSv1.3', ciphers: MOZILLA_INTERMEDIATE, preferServerCiphers: false, cert: 'ecdsa' },
  },
  {
    name: 'legacy-cbc',
    description: 'TLS 1.0-1.2, ECDHE and static-RSA AES/Camellia CBC+GCM, server order',
    server: { protocols: 'TLSv1 TLSv1.1 TLSv1.2', ciphers: 'ECDHE+AES:RSA+AES:RSA+CAMELLIA:@SECLEVEL=0', cert: 'rsa' },
  },
  {
    name: 'legacy-all',
    description: 'TLS 1.0-1.2, every OpenSSL suite incl. NULL and anonymous, DH 1024, self-signed, client order',
    server: { protocols: 'TLSv1 TLSv1.1 TLSv1.2', ciphers: 'ALL:eNULL:@SECLEVEL=0', preferServerCiphers: false, cert: 'self-signed', dh: 'dh1024' },
  },
  {
    name: 'weak-key',
    description: 'TLS 1.2, RSA 1024-bit certificate signed with SHA-1',
    server: { protocols: 'TLSv1.2', ciphers: 'HIGH:!aNULL:!DH:@SECLEVEL=0', cert: 'rsa1024-sha1' },
  },
  {
    name: 'expiring',
    description: 'TLS 1.2+1.3, ECDHE AEAD, certificate expiring in 5 days',
    server: { protocols: 'TLSv1.2 TLSv1.3', ciphers: 'ECDHE+AESGCM:ECDHE+CHACHA20', cert: 'expiring' },
  },
  {
    name: 'expired',
    description: 'TLS 1.2, ECDHE-GCM, expired certificate',
    server: { protocols: 'TLSv1.2', ciphers: 'ECDHE+AESGCM', cert: 'expired' },
  },
  {
    name: 'dhe-only',
    description: 'TLS 1.2, DHE suites only (GCM, ChaCha20, CBC), ffdhe2048',
    server: {
      protocols: 'TLSv1.2',
      ciphers: 'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA',
      cert: 'rsa',
      dh: 'ffdhe2048',
    },
  },
  {
    name: 'tls12-p384',
    description: 'TLS 1.2 only, four suites incl. static RSA, secp384r1 only',
    server: {
      protocols: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-SHA384:AES256-GCM-SHA384',
      cert: 'rsa',
      ecdhCurve: 'secp384r1',
    },
  },
  {
    name: 'sni',
    // nginx takes the protocol versions from the address's default server even when SNI picks
    // another block (certificate and suites do switch), so the named block keeps TLS 1.2.
    description: 'SNI: default server TLS 1.2 ECDHE/static-RSA GCM (RSA cert); by name three ECDSA suites (ECDSA cert)',
    server: { protocols: 'TLSv1.2', ciphers: 'ECDHE+AESGCM:RSA+AESGCM', cert: 'rsa' },
    sni: { protocols: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA', cert: 'ecdsa' },
  },
];

export interface TlsEndpoint {
  /** "address:port", or "name:port" for an endpoint reached by SNI name. */
  id: string;
  address: string;
  port: number;
  /** The SNI name to send; null: scanned by address (no SNI for rasoat, the address for sslscan). */
  sni: string | null;
  profile: string;
}

export interface TlsFleetPlan {
  subnet: string;
  port: number;
  hosts: string[];
  endpoints: TlsEndpoint[];
  /** The fleet's addresses as one nmap-style target: 127.0.80.1-100 */
  targetSpec: string;
  /** Where nginx answers stub_status (plain HTTP, never scanned). */
  status: { host: string; port: number };
}

export const STATUS_PORT = 18080;
export const SNI_DOMAIN = 'bench.test';

export function endpointId(nameOrAddress: string, port: number): string {
  return `${nameOrAddress}:${port}`;
}

export function planTlsFleet(subnet: string, hostCount: number, port: number): TlsFleetPlan {
  const hosts: string[] = [];
  const endpoints: TlsEndpoint[] = [];
  for (let i = 1; i <= hostCount; i++) {
    const address = `${subnet}.${i}`;
    assertSafeTarget(address, port);
    hosts.push(address);
    const profile = PROFILES[(i - 1) % PROFILES.length]!;
    endpoints.push({ id: endpointId(address, port), address, port, sni: null, profile: profile.name });
    if (profile.sni) {
      const name = `${profile.name}-${i}.${SNI_DOMAIN}`;
      endpoints.push({ id: endpointId(name, port), address, port, sni: name, profile: `${profile.name} (by name)` });
    }
  }
  const status = { host: `${subnet}.254`, port: STATUS_PORT };
  assertSafeTarget(status.host, status.port);
  return { subnet, port, hosts, endpoints, targetSpec: hostCount === 1 ? hosts[0]! : `${subnet}.1-${hostCount}`, status };
}

export interface FleetMaterial {
  sites: FleetSite[];
  /** PEM of the fleet's root CA, for rasoat --ca-file. */
  caFile: string;
}

/**
 * Certificates (one per certificate kind, naming every address and SNI name that serves it) and
 * nginx server blocks for the plan. `dir` receives the DH parameter files.
 */
export function buildFleetMaterial(plan: TlsFleetPlan, dir: string): FleetMaterial {
  const ca = issue({ subject: '/CN=rasoat bench root CA', ca: true, days: 3650 });
  const caFile = join(dir, 'fleet-ca.pem');
  writeFileSync(caFile, ca.cert);

  // Which names each certificate kind must carry.
  const sans = new Map<CertKind, Set<string>>();
  const addSan = (kind: CertKind, entry: string) => (sans.get(kind) ?? sans.set(kind, new Set()).get(kind)!).add(entry);
  for (const endpoint of plan.endpoints) {
    const profile = profileOf(endpoint);
    const config = endpoint.sni ? profile.sni! : profile.server;
    addSan(config.cert, endpoint.sni ? `DNS:${endpoint.sni}` : `IP:${endpoint.address}`);
  }
  const certs = new Map<CertKind, Issued>();
  for (const [kind, names] of sans) certs.set(kind, issue(certOptions(kind, [...names], ca)));
  // issue() leaves its working directory in the system temp dir; the PEM texts are all we need.
  for (const issued of [ca, ...certs.values()]) rmSync(dirname(issued.certFile), { recursive: true, force: true });

  const dhFiles = new Map<DhKind, string>();
  const dhFile = (kind: DhKind) => dhFiles.get(kind) ?? dhFiles.set(kind, makeDhParams(kind, dir)).get(kind)!;

  const sites: FleetSite[] = [];
  for (const endpoint of plan.endpoints) {
    const profile = profileOf(endpoint);
    const config = endpoint.sni ? profile.sni! : profile.server;
    const cert = certs.get(config.cert)!;
    const chain = config.cert === 'self-signed' ? cert.cert : `${cert.cert}${ca.cert}`;
    const extra = [
      ...(config.dh ? [`ssl_dhparam ${dhFile(config.dh)};`] : []),
      ...(config.tls13Suites ? [`ssl_conf_command Ciphersuites ${config.tls13Suites};`] : []),
      ...(config.ecdhCurve ? [`ssl_ecdh_curve ${config.ecdhCurve};`] : []),
    ];
    sites.push({
      host: endpoint.address,
      port: endpoint.port,
      key: cert.key,
      cert: chain,
      protocols: config.protocols,
      ...(config.ciphers ? { ciphers: config.ciphers } : {}),
      preferServerCiphers: config.preferServerCiphers !== false,
      extra,
      serverName: endpoint.sni,
    });
  }
  return { sites, caFile };
}

function profileOf(endpoint: TlsEndpoint): TlsProfile {
  const name = endpoint.profile.replace(/ \(by name\)$/, '');
  const profile = PROFILES.find((p) => p.name === name);
  if (!profile) throw new Error(`unknown profile ${endpoint.profile}`);
  return profile;
}

function certOptions(kind: CertKind, san: string[], ca: Issued): CertOptions {
  const subject = `/CN=${kind}.${SNI_DOMAIN}`;
  switch (kind) {
    case 'rsa':
      return { subject, san, issuer: ca };
    case 'ecdsa':
      return { subject, san, issuer: ca, keyType: 'ec', curve: 'prime256v1' };
    case 'rsa1024-sha1':
      return { subject, san, issuer: ca, rsaBits: 1024, digest: 'sha1' };
    case 'expiring':
      return { subject, san, issuer: ca, startDays: -85, days: 90 };
    case 'expired':
      return { subject, san, issuer: ca, startDays: -120, days: 90 };
    case 'self-signed':
      return { subject, san };
  }
}

/** ffdhe2048 is RFC 7919's group (instant); the 1024-bit prime is DSA-style to generate fast. */
function makeDhParams(kind: DhKind, dir: string): string {
  const file = join(dir, `${kind}.pem`);
  if (kind === 'ffdhe2048') execFileSync('openssl', ['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', file]);
  else execFileSync('openssl', ['dhparam', '-dsaparam', '-out', file, '1024'], { stdio: 'ignore' });
  return file;
}

/** "modern x9, legacy-cbc x8, ..." */
export function describeMix(plan: TlsFleetPlan): string {
  const counts = new Map<string, number>();
  for (const e of plan.endpoints) counts.set(e.profile, (counts.get(e.profile) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} x${n}`).join(', ');
}
