import type { TlsProtocolName } from '../../core/model/observation.js';

/** One registry line: [code, IANA name, OpenSSL name or null when OpenSSL never had one]. */
export type SuiteRow = readonly [code: number, iana: string, openssl: string | null];

/**
 * How the keys are agreed. Anonymous (EC)DH counts as ephemeral (DHE, ECDHE): the server sends
 * fresh parameters in ServerKeyExchange exactly as the signed variants do. 'any' is TLS 1.3,
 * where the suite does not fix the key exchange.
 */
export type KeyExchange =
  | 'RSA'
  | 'DH'
  | 'DHE'
  | 'ECDH'
  | 'ECDHE'
  | 'PSK'
  | 'DHE_PSK'
  | 'ECDHE_PSK'
  | 'RSA_PSK'
  | 'SRP'
  | 'KRB5'
  | 'ECCPWD'
  | 'NULL'
  | 'any';

export type Authentication = 'RSA' | 'DSS' | 'ECDSA' | 'anon' | 'PSK' | 'KRB5' | 'SRP' | 'ECCPWD' | 'NULL' | 'any';

export type CipherMode = 'CBC' | 'GCM' | 'CCM' | 'CCM_8' | 'STREAM' | 'POLY1305' | 'NULL';

export type MacAlgorithm = 'MD5' | 'SHA1' | 'SHA256' | 'SHA384' | 'AEAD' | 'NULL';

/** What a suite (or an SSLv2 cipher kind) means for security, derived from its name. */
export interface CipherClassification {
  kx: KeyExchange;
  auth: Authentication;
  /** The bulk cipher as people write it: "AES-128-GCM", "3DES-EDE-CBC", "RC4-40", "NULL". */
  encryption: string;
  /** Key bits as named (3DES: 168). */
  bits: number;
  /** Bits of strength against known attacks (3DES: 112); what grading compares. */
  effectiveBits: number;
  mode: CipherMode;
  mac: MacAlgorithm;
  /** The oldest protocol that can negotiate it. */
  minProtocol: TlsProtocolName;
  export: boolean;
  null: boolean;
  anonymous: boolean;
  rc4: boolean;
  /** Single DES, including the 40-bit export variants. */
  des: boolean;
  tripleDes: boolean;
  cbc: boolean;
  aead: boolean;
  forwardSecrecy: boolean;
  sha1Mac: boolean;
  md5Mac: boolean;
}

export interface CipherSuite extends CipherClassification {
  code: number;
  /** The IANA name (for the unregistered suites, the name peer tools use). */
  name: string;
  openssl: string | null;
  /** A signalling value (renegotiation SCSV, fallback SCSV), not a cipher. */
  signalling: boolean;
  /** In the IANA registry; false for EXPORT1024 drafts and pre-RFC ChaCha20 codes. */
  registered: boolean;
}

export interface Sslv2CipherKind extends CipherClassification {
  /** The 3-byte CIPHER-KIND, e.g. 0x010080. */
  code: number;
  name: string;
  openssl: string;
}
