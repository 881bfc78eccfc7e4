/**
 * Observations are facts a scanner saw. They never say whether something is good or bad: rules
 * decide that. Every kind is declared here with its payload so rules can be validated against it.
 */
import type { HttpObservationData } from './http-observation.js';
import type { ServiceObservationData } from './service-observation.js';
import type { SoftwareObservationData } from './software-observation.js';

export type { CspObservatoryReading, HttpCookieFacts, HttpHeaderFacts } from './http-observation.js';
export type { MailProtocol, OpenDataStore, ServiceConfidence } from './service-observation.js';
export type { DistroBuild, SoftwareSource } from './software-observation.js';

export type ScanErrorReason =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'dns'
  | 'out-of-scope'
  | 'interrupted'
  | 'host-down'
  /** A distributed audit never reached the host: no live agent in its segment, refused, or failed. */
  | 'not-scanned'
  | 'error';

export interface ObservationData extends HttpObservationData, ServiceObservationData, SoftwareObservationData {
  'host.status': { state: 'up' | 'down'; reason: string; address: string; rttMs?: number };
  'port.open': { port: number; protocol: 'tcp'; service: string; reason: 'syn-ack'; rttMs: number };
  'port.summary': {
    protocol: 'tcp';
    /** The ports probed, as a compact range list ("1-1024,8080"). */
    scanned: string;
    total: number;
    open: number;
    closed: number;
    filtered: number;
    /** Filtered ports as a compact range list; empty when none. */
    filteredPorts: string;
    timeoutMs: number;
  };
  'scan.error': { scanner: string; reason: ScanErrorReason; message: string };

  /** A TLS endpoint found and how it was reached. */
  'tls.endpoint': {
    port: number;
    transport: 'implicit' | 'starttls';
    starttls: StartTlsProtocol | null;
    sni: string | null;
    /** Protocols offered, oldest first, and the newest of them. */
    offered: TlsProtocolName[];
    best: TlsProtocolName | null;
    tls12: boolean;
    tls13: boolean;
    /** Suites accepted, all protocols together, and how many give forward secrecy / are AEAD. */
    suites: number;
    forwardSecrecySuites: number;
    aeadSuites: number;
    handshakes: number;
    durationMs: number;
  };
  /** A STARTTLS port whose server would not switch to TLS (its traffic stays in clear text). */
  'tls.starttls': { port: number; protocol: StartTlsProtocol; offered: boolean; answer: string };
  /** One protocol version, offered or not. */
  'tls.protocol': { port: number; protocol: TlsProtocolName; offered: boolean; detail: string | null };
  /** One cipher suite the server accepted for a protocol; `order` is its rank in the server's choices. */
  'tls.cipher': {
    port: number;
    protocol: TlsProtocolName;
    code: string;
    name: string;
    kx: string;
    auth: string;
    encryption: string;
    bits: number;
    order: number;
    export: boolean;
    null: boolean;
    anonymous: boolean;
    rc4: boolean;
    des: boolean;
    tripleDes: boolean;
    cbc: boolean;
    aead: boolean;
    forwardSecrecy: boolean;
    sha1Mac: boolean;
    md5Mac: boolean;
  };
  /** Whether the server picks the suite by its own preference (null: only one suite, cannot tell). */
  'tls.preference': { port: number; protocol: TlsProtocolName; serverOrder: boolean | null };
  /** A key-exchange group (named curve or finite-field group) the server accepted. */
  'tls.group': { port: number; group: string; type: 'ecdhe' | 'ffdhe' | 'hybrid'; bits: number; weak: boolean };
  /** One certificate of the chain as the server sent it (position 0 = the server's own). */
  'tls.certificate': {
    port: number;
    position: number;
    subject: string;
    issuer: string;
    serial: string;
    sha256: string;
    notBefore: string;
    notAfter: string;
    validityDays: number;
    keyType: string;
    keyBits: number;
    curve: string | null;
    signatureAlgorithm: string;
    signatureHash: string;
    sans: string[];
    hasSan: boolean;
    selfSigned: boolean;
    isCa: boolean;
    ocspUrls: string[];
    crlUrls: string[];
  };
  /** The chain as a whole: trust, name match, completeness, order, stapling. */
  'tls.chain': {
    port: number;
    hostname: string | null;
    /** The name checked is an address: a certificate naming the site's DNS name does not match it. */
    hostnameIsIp: boolean;
    hostnameMatch: boolean | null;
    trusted: boolean;
    trustError: string | null;
    served: number;
    complete: boolean;
    ordered: boolean;
    ocspStapled: boolean;
    revocationInfo: boolean;
  };
  /** Protocol features and known weaknesses, probed without exploiting anything. */
  'tls.features': {
    port: number;
    secureRenegotiation: boolean | null;
    compression: boolean | null;
    fallbackScsv: 'supported' | 'missing' | 'not-applicable' | null;
    heartbeat: boolean | null;
    heartbleed: boolean | null;
  };
  /** The SSL Labs-style grade (rating guide 2009q) and what capped it. */
  'tls.grade': {
    port: number;
    grade: string;
    /** The letter before T (trust) or M (name mismatch) replaced it, as SSL Labs shows "if trust issues are ignored". */
    ignoringTrust: string;
    score: number;
    protocolScore: number;
    keyExchangeScore: number;
    cipherScore: number;
    caps: string[];
  };

}

export type TlsProtocolName = 'SSLv2' | 'SSLv3' | 'TLSv1.0' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export type StartTlsProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'ldap' | 'postgres';

export type ObservationKind = keyof ObservationData;

export const OBSERVATION_KINDS: readonly ObservationKind[] = [
  'host.status',
  'port.open',
  'port.summary',
  'scan.error',
  'tls.endpoint',
  'tls.starttls',
  'tls.protocol',
  'tls.cipher',
  'tls.preference',
  'tls.group',
  'tls.certificate',
  'tls.chain',
  'tls.features',
  'tls.grade',
  'http.site',
  'http.redirect',
  'http.headers',
  'http.cookie',
  'http.cors',
  'http.trace',
  'http.soft404',
  'http.exposure',
  'http.well-known',
  'http.mixed-content',
  'http.content',
  'http.content-change',
  'http.score',
  'service.identity',
  'service.ssh',
  'service.ssh-algorithm',
  'service.ftp',
  'service.mail',
  'service.unauthenticated',
  'service.smtp-relay',
  'service.summary',
  'software.product',
  'software.vulnerable',
  'software.lifecycle',
] as const;

export function isObservationKind(value: string): value is ObservationKind {
  return (OBSERVATION_KINDS as readonly string[]).includes(value);
}

interface ObservationOf<K extends ObservationKind> {
  kind: K;
  /** Asset identity: the HostTarget's `host`. */
  host: string;
  port?: number;
  scanner: string;
  /** ISO-8601 time the fact was seen. */
  at: string;
  data: ObservationData[K];
}

export type Observation<K extends ObservationKind = ObservationKind> = {
  [P in K]: ObservationOf<P>;
}[K];
