import { ByteReader } from './byte-reader.js';
import type { CipherSuite } from './cipher-suite-types.js';
import { TLS12 } from './protocol-versions.js';

export type ServerKeyExchange =
  | { kind: 'ecdhe'; curveType: 'named' | 'explicit-prime' | 'explicit-char2' | 'unknown'; group: number | null; publicKeyLength: number; signatureScheme: number | null }
  | { kind: 'dhe'; primeBits: number; prime: Buffer; generator: Buffer; publicKeyLength: number; signatureScheme: number | null }
  /** Temporary RSA key of an RSA_EXPORT suite (RFC 2246 §7.4.3): 512 bits when the certificate key is larger. */
  | { kind: 'rsa-export'; modulusBits: number; signatureScheme: number | null }
  | { kind: 'srp'; primeBits: number; signatureScheme: number | null }
  | { kind: 'psk'; identityHint: Buffer }
  | { kind: 'unknown'; length: number };

export interface KeyExchangeContext {
  suite: Pick<CipherSuite, 'kx' | 'auth' | 'export'>;
  /** The negotiated version: TLS 1.2 prefixes the signature with its scheme. */
  version: number;
}

/**
 * Parses ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4, RFC 4279, RFC 5054). Its format depends
 * on the suite's key exchange, which the message itself does not name, so the caller passes it.
 */
export function parseServerKeyExchange(body: Buffer, context: KeyExchangeContext): ServerKeyExchange {
  const reader = new ByteReader(body, 'ServerKeyExchange');
  const { kx, auth } = context.suite;
  // Only certificate-authenticated suites sign their parameters; anon, PSK and plain SRP do not.
  const signed = auth === 'RSA' || auth === 'DSS' || auth === 'ECDSA';
  const hint = kx === 'PSK' || kx === 'DHE_PSK' || kx === 'ECDHE_PSK' || kx === 'RSA_PSK' ? reader.vector(2, 'psk_identity_hint') : null;

  let result: ServerKeyExchange;
  if (kx === 'ECDHE' || kx === 'ECDHE_PSK') result = { ...readEcParams(reader), signatureScheme: null };
  else if (kx === 'DHE' || kx === 'DHE_PSK') result = { ...readDhParams(reader), signatureScheme: null };
  else if (kx === 'SRP') result = { ...readSrpParams(reader), signatureScheme: null };
  else if (kx === 'RSA' && context.suite.export) result = { ...readRsaParams(reader), signatureScheme: null };
  else if (hint) return { kind: 'psk', identityHint: hint };
  else return { kind: 'unknown', length: body.length };

  if (signed) {
    const scheme = context.version >= TLS12 ? reader.u16('signature algorithm') : null;
    reader.vector(2, 'signature');
    result.signatureScheme = scheme;
  }
  reader.end();
  return result;
}

function readEcParams(reader: ByteReader): Extract<ServerKeyExchange, { kind: 'ecdhe' }> {
  const curveTypeCode = reader.u8('curve_type');
  if (curveTypeCode !== 3) {
    // Explicit curves carry a variable-length description; keep the fact, skip the rest.
    const curveType = curveTypeCode === 1 ? 'explicit-prime' : curveTypeCode === 2 ? 'explicit-char2' : 'unknown';
    reader.rest();
    return { kind: 'ecdhe', curveType, group: null, publicKeyLength: 0, signatureScheme: null };
  }
  const group = reader.u16('named_curve');
  const point = reader.vector(1, 'public point', 1);
  return { kind: 'ecdhe', curveType: 'named', group, publicKeyLength: point.length, signatureScheme: null };
}

function readDhParams(reader: ByteReader): Extract<ServerKeyExchange, { kind: 'dhe' }> {
  const prime = reader.vector(2, 'dh_p', 1);
  const generator = reader.vector(2, 'dh_g', 1);
  const publicKey = reader.vector(2, 'dh_Ys', 1);
  return { kind: 'dhe', primeBits: bitLength(prime), prime, generator, publicKeyLength: publicKey.length, signatureScheme: null };
}

function readSrpParams(reader: ByteReader): Extract<ServerKeyExchange, { kind: 'srp' }> {
  const prime = reader.vector(2, 'srp_N', 1);
  reader.vector(2, 'srp_g', 1);
  reader.vector(1, 'srp_s');
  reader.vector(2, 'srp_B', 1);
  return { kind: 'srp', primeBits: bitLength(prime), signatureScheme: null };
}

function readRsaParams(reader: ByteReader): Extract<ServerKeyExchange, { kind: 'rsa-export' }> {
  const modulus = reader.vector(2, 'rsa_modulus', 1);
  reader.vector(2, 'rsa_exponent', 1);
  return { kind: 'rsa-export', modulusBits: bitLength(modulus), signatureScheme: null };
}

/** The bit length of a big-endian unsigned integer, ignoring leading zero bytes and bits. */
export function bitLength(value: Buffer): number {
  let index = 0;
  while (index < value.length && value[index] === 0) index += 1;
  const top = value[index];
  if (top === undefined) return 0;
  return (value.length - index - 1) * 8 + (32 - Math.clz32(top));
}
