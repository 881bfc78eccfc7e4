import { execFileSync } from 'node:child_process';
import { endpointId } from './tls-fleet.js';

/** What one tool saw on one endpoint, in the same shape for every tool. */
export interface EndpointView {
  /** Accepted protocol versions, "TLSv1.0" .. "TLSv1.3", "SSLv2", "SSLv3"; sorted. */
  protocols: string[];
  /** Accepted suites per protocol as "TLSv1.2 0xC02F"; sorted. */
  suites: string[];
}

export interface TlsScanResult {
  /** Endpoint id ("address:port" or "name:port") to what the tool saw there. */
  endpoints: Map<string, EndpointView>;
  /** rasoat only: handshakes per endpoint (tls.endpoint.handshakes). */
  handshakes: Map<string, number>;
  /**
   * rasoat only: endpoints offering TLS 1.2 or older whose compression or fallback-SCSV probe got
   * no answer (null in tls.features), a sign that rasoat stopped probing them early.
   */
  cutShort: Set<string>;
  /** rasoat only: scan time recorded inside the audit (startedAt to endedAt). */
  innerMs: number | null;
  /** Errors the tool reported about endpoints (rasoat scan.error, sslscan <error>). */
  errors: string[];
  /** Suite code to the name the tool printed (sslscan: OpenSSL's, rasoat: IANA's), for a cross-check. */
  names: Map<string, string>;
}

function emptyResult(): TlsScanResult {
  return { endpoints: new Map(), handshakes: new Map(), cutShort: new Set(), innerMs: null, errors: [], names: new Map() };
}

/** "0xc02f", "c02f", "x9f" -> "0xC02F"; SSLv2 kinds (three bytes) keep six digits. */
export function normaliseCode(raw: string): string {
  const hex = raw.replace(/^0?x/i, '').toUpperCase();
  return `0x${hex.padStart(hex.length > 4 ? 6 : 4, '0')}`;
}

/** "TLSv1" / "TLSv1.0" / "TLS 1" / "tls1" -> "TLSv1.0", "SSLv3" stays. */
export function normaliseProtocol(raw: string): string {
  const match = /^(ssl|tls)\s*v?\s*(\d)(?:[._](\d))?$/i.exec(raw.trim());
  if (!match) return raw;
  const [, family, major, minor] = match;
  if (family!.toLowerCase() === 'ssl') return `SSLv${major}`;
  return `TLSv${major}.${minor ?? '0'}`;
}

function view(protocols: Iterable<string>, suites: Iterable<string>): EndpointView {
  return { protocols: [...new Set(protocols)].sort(), suites: [...new Set(suites)].sort() };
}

interface RasoatObservation {
  kind: string;
  host: string;
  port?: number | null;
  data?: {
    port?: number;
    offered?: string[] | boolean;
    protocol?: string;
    code?: string;
    name?: string;
    handshakes?: number;
    compression?: boolean | null;
    fallbackScsv?: string | null;
    scanner?: string;
    message?: string;
    reason?: string;
  };
}

/**
 * rasoat's --json audit. Endpoints are keyed by the observation's host (the address, or the name
 * given on the command line) and port; an endpoint counts as seen when it has a tls.endpoint fact.
 */
export function parseRasoatTls(text: string): TlsScanResult {
  const audit = JSON.parse(text) as { audit?: { startedAt?: string; endedAt?: string }; observations: RasoatObservation[] };
  const result = emptyResult();
  const protocols = new Map<string, string[]>();
  const suites = new Map<string, string[]>();
  const unanswered = new Set<string>();
  const push = (map: Map<string, string[]>, key: string, value: string) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
  for (const obs of audit.observations) {
    const port = obs.data?.port ?? obs.port;
    if (typeof port !== 'number') continue;
    const id = endpointId(obs.host, port);
    if (obs.kind === 'tls.endpoint') {
      protocols.set(id, Array.isArray(obs.data?.offered) ? obs.data.offered.map(normaliseProtocol) : []);
      if (typeof obs.data?.handshakes === 'number') result.handshakes.set(id, obs.data.handshakes);
    } else if (obs.kind === 'tls.cipher' && obs.data?.protocol && obs.data.code) {
      push(suites, id, `${normaliseProtocol(obs.data.protocol)} ${normaliseCode(obs.data.code)}`);
      if (obs.data.name) result.names.set(normaliseCode(obs.data.code), obs.data.name);
    } else if (obs.kind === 'tls.features' && (obs.data?.compression === null || obs.data?.fallbackScsv === null)) {
      unanswered.add(id);
    } else if (obs.kind === 'scan.error') {
      result.errors.push(`${id}: ${obs.data?.scanner ?? '?'} ${obs.data?.reason ?? ''} ${obs.data?.message ?? ''}`.trim());
    }
  }
  for (const [id, offered] of protocols) {
    result.endpoints.set(id, view(offered, suites.get(id) ?? []));
    // Compression and fallback SCSV are only probed below TLS 1.3: null there means no answer.
    if (unanswered.has(id) && offered.some((p) => /^(SSLv3|TLSv1\.[012])$/.test(normaliseProtocol(p)))) result.cutShort.add(id);
  }
  const { startedAt, endedAt } = audit.audit ?? {};
  if (startedAt && endedAt) result.innerMs = Date.parse(endedAt) - Date.parse(startedAt);
  return result;
}

/** sslscan 2's XML can contain the same error about --targets files even when it read them. */
const SSLSCAN_TARGETS_QUIRK = /^Targets file .* does not exist\.$/;

/**
 * sslscan's XML (one document, or several concatenated: one <ssltest> per endpoint). An endpoint
 * scanned with --sni-name is keyed by that name, otherwise by its address.
 */
export function parseSslscanXml(xml: string, into: TlsScanResult = emptyResult()): TlsScanResult {
  for (const [, attrs = '', body = ''] of xml.matchAll(/<ssltest\b([^>]*)>([\s\S]*?)<\/ssltest>/g)) {
    const host = attr(attrs, 'host');
    const sni = attr(attrs, 'sniname');
    const port = Number(attr(attrs, 'port'));
    if (!host || !port) continue;
    const id = endpointId(sni && sni !== host ? sni : host, port);
    const protocols: string[] = [];
    for (const [, type = '', version = ''] of body.matchAll(/<protocol type="(ssl|tls)" version="([\d.]+)" enabled="1"/g)) {
      protocols.push(normaliseProtocol(`${type}v${version}`));
    }
    const suites: string[] = [];
    for (const [tag] of body.matchAll(/<cipher\b[^>]*>/g)) {
      const status = attr(tag, 'status');
      const version = attr(tag, 'sslversion');
      const code = attr(tag, 'id');
      if ((status !== 'accepted' && status !== 'preferred') || !version || !code) continue;
      const key = `${normaliseProtocol(version)} ${normaliseCode(code)}`;
      suites.push(key);
      const name = attr(tag, 'cipher');
      if (name) into.names.set(normaliseCode(code), name);
    }
    into.endpoints.set(id, view(protocols, suites));
  }
  for (const [, message = ''] of xml.matchAll(/<error><!\[CDATA\[([\s\S]*?)\]\]><\/error>/g)) {
    if (!SSLSCAN_TARGETS_QUIRK.test(message.trim())) into.errors.push(message.trim());
  }
  return into;
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

interface TestsslFinding {
  id: string;
  ip?: string;
  port?: string;
  severity?: string;
  finding?: string;
}

const TESTSSL_PROTOCOL_IDS: Record<string, string> = {
  SSLv2: 'SSLv2',
  SSLv3: 'SSLv3',
  TLS1: 'TLSv1.0',
  TLS1_1: 'TLSv1.1',
  TLS1_2: 'TLSv1.2',
  TLS1_3: 'TLSv1.3',
};

/** testssl.sh's flat JSON (--jsonfile) of `-p -E`: one endpoint. */
export function parseTestsslJson(text: string, id: string): TlsScanResult {
  const findings = JSON.parse(text) as TestsslFinding[];
  const result = emptyResult();
  const protocols: string[] = [];
  const suites: string[] = [];
  for (const f of findings) {
    const protocol = TESTSSL_PROTOCOL_IDS[f.id];
    if (protocol && /^offered/.test(f.finding ?? '')) protocols.push(protocol);
    const cipher = /^cipher-(ssl2|ssl3|tls1|tls1_1|tls1_2|tls1_3)_x([0-9a-f]+)$/i.exec(f.id);
    if (cipher) suites.push(`${normaliseProtocol(cipher[1]!)} ${normaliseCode(cipher[2]!)}`);
    if (f.severity === 'FATAL' || (f.severity === 'WARN' && f.id !== 'engine_problem')) result.errors.push(`${id}: ${f.id} ${f.finding ?? ''}`);
  }
  result.endpoints.set(id, view(protocols, suites));
  return result;
}

export interface SuiteNames {
  /** IANA name per code, from OpenSSL's -stdname. */
  iana: Map<string, string>;
  /** OpenSSL name per code. */
  openssl: Map<string, string>;
}

const TLS13_SUITES = 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256';

/** The local OpenSSL's suites: `openssl ciphers -V -stdname ALL:COMPLEMENTOFALL`, code -> names. */
export function opensslSuiteNames(): SuiteNames {
  const names: SuiteNames = { iana: new Map(), openssl: new Map() };
  const text = execFileSync('openssl', ['ciphers', '-V', '-stdname', '-ciphersuites', TLS13_SUITES, 'ALL:COMPLEMENTOFALL'], { encoding: 'utf8' });
  // "          0xC0,0x30 - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 - ECDHE-RSA-AES256-GCM-SHA384 TLSv1.2 Kx=ECDH ..."
  for (const [, high = '', low = '', iana = '', openssl = ''] of text.matchAll(/0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- (\S+)/gi)) {
    const code = normaliseCode(`${high}${low}`);
    names.iana.set(code, iana);
    names.openssl.set(code, openssl);
  }
  return names;
}

/** "TLSv1.2 0xC030" -> "TLSv1.2 0xC030 ECDHE-RSA-AES256-GCM-SHA384" (the OpenSSL name when known). */
export function describeSuite(key: string, names: SuiteNames): string {
  const code = key.split(' ')[1] ?? '';
  const name = names.openssl.get(code) ?? names.iana.get(code);
  return name ? `${key} ${name}` : key;
}
