import type { TlsProtocolName } from '../../core/model/observation.js';
import type { Authentication, CipherClassification, CipherMode, KeyExchange, MacAlgorithm } from './cipher-suite-types.js';

/**
 * Classifies a suite from its IANA name, which encodes everything: TLS_<kx>[_EXPORT]_WITH_<cipher>_<mac>
 * for TLS 1.0-1.2, TLS_<aead>_<hash> for TLS 1.3. Deriving the flags from the name, rather than typing
 * eleven booleans for 350 suites, means a flag cannot disagree with the name it describes.
 */

interface KeyExchangePart {
  kx: KeyExchange;
  auth: Authentication;
}

const KEY_EXCHANGES: Record<string, KeyExchangePart> = {
  NULL: { kx: 'NULL', auth: 'NULL' },
  RSA: { kx: 'RSA', auth: 'RSA' },
  DH_DSS: { kx: 'DH', auth: 'DSS' },
  DH_RSA: { kx: 'DH', auth: 'RSA' },
  DHE_DSS: { kx: 'DHE', auth: 'DSS' },
  DHE_RSA: { kx: 'DHE', auth: 'RSA' },
  DH_anon: { kx: 'DHE', auth: 'anon' },
  KRB5: { kx: 'KRB5', auth: 'KRB5' },
  PSK: { kx: 'PSK', auth: 'PSK' },
  DHE_PSK: { kx: 'DHE_PSK', auth: 'PSK' },
  PSK_DHE: { kx: 'DHE_PSK', auth: 'PSK' },
  RSA_PSK: { kx: 'RSA_PSK', auth: 'RSA' },
  ECDH_ECDSA: { kx: 'ECDH', auth: 'ECDSA' },
  ECDH_RSA: { kx: 'ECDH', auth: 'RSA' },
  ECDHE_ECDSA: { kx: 'ECDHE', auth: 'ECDSA' },
  ECDHE_RSA: { kx: 'ECDHE', auth: 'RSA' },
  ECDH_anon: { kx: 'ECDHE', auth: 'anon' },
  ECDHE_PSK: { kx: 'ECDHE_PSK', auth: 'PSK' },
  SRP_SHA: { kx: 'SRP', auth: 'SRP' },
  SRP_SHA_RSA: { kx: 'SRP', auth: 'RSA' },
  SRP_SHA_DSS: { kx: 'SRP', auth: 'DSS' },
  ECCPWD: { kx: 'ECCPWD', auth: 'ECCPWD' },
};

interface BulkCipher {
  token: string;
  encryption: string;
  bits: number;
  effectiveBits?: number;
  mode: CipherMode;
}

function blockCiphers(family: string, sizes: number[], modes: CipherMode[]): BulkCipher[] {
  return sizes.flatMap((bits) =>
    modes.map((mode) => ({ token: `${family}_${bits}_${mode}`, encryption: `${family}-${bits}-${mode.replace('_', '-')}`, bits, mode })),
  );
}

const NULL_CIPHER: BulkCipher = { token: 'NULL', encryption: 'NULL', bits: 0, mode: 'NULL' };

// Longest tokens first, so AES_128_CCM_8 is not read as AES_128_CCM followed by a MAC "8".
const BULK_CIPHERS: readonly BulkCipher[] = [
  ...blockCiphers('AES', [128, 256], ['CCM_8', 'CBC', 'GCM', 'CCM']),
  ...blockCiphers('CAMELLIA', [128, 256], ['CBC', 'GCM']),
  ...blockCiphers('ARIA', [128, 256], ['CBC', 'GCM']),
  { token: 'CHACHA20_POLY1305', encryption: 'CHACHA20-POLY1305', bits: 256, mode: 'POLY1305' },
  { token: 'SM4_GCM', encryption: 'SM4-GCM', bits: 128, mode: 'GCM' },
  { token: 'SM4_CCM', encryption: 'SM4-CCM', bits: 128, mode: 'CCM' },
  { token: '3DES_EDE_CBC', encryption: '3DES-EDE-CBC', bits: 168, effectiveBits: 112, mode: 'CBC' },
  { token: 'DES40_CBC', encryption: 'DES40-CBC', bits: 40, mode: 'CBC' },
  { token: 'DES_CBC_40', encryption: 'DES40-CBC', bits: 40, mode: 'CBC' },
  { token: 'DES_CBC', encryption: 'DES-CBC', bits: 56, mode: 'CBC' },
  { token: 'RC2_CBC_40', encryption: 'RC2-CBC-40', bits: 40, mode: 'CBC' },
  { token: 'RC2_CBC_56', encryption: 'RC2-CBC-56', bits: 56, mode: 'CBC' },
  { token: 'RC4_128', encryption: 'RC4-128', bits: 128, mode: 'STREAM' },
  { token: 'RC4_56', encryption: 'RC4-56', bits: 56, mode: 'STREAM' },
  { token: 'RC4_40', encryption: 'RC4-40', bits: 40, mode: 'STREAM' },
  { token: 'IDEA_CBC', encryption: 'IDEA-CBC', bits: 128, mode: 'CBC' },
  { token: 'SEED_CBC', encryption: 'SEED-CBC', bits: 128, mode: 'CBC' },
  NULL_CIPHER,
];

// Only read for non-AEAD ciphers: behind an AEAD cipher the last token names the PRF hash, not a MAC.
const MACS: Record<string, MacAlgorithm> = { MD5: 'MD5', SHA: 'SHA1', SHA256: 'SHA256', SHA384: 'SHA384', NULL: 'NULL' };

const SIGNALLING = new Set(['TLS_EMPTY_RENEGOTIATION_INFO_SCSV', 'TLS_FALLBACK_SCSV']);

export interface SuiteClassification extends CipherClassification {
  signalling: boolean;
}

/** Throws RangeError for a name it cannot read: the registry test runs every entry through here. */
export function classifySuiteName(name: string): SuiteClassification {
  if (SIGNALLING.has(name)) return signallingValue();
  const bare = name.replace(/^TLS_/, '').replace(/_OLD$/, '');
  const withAt = bare.indexOf('_WITH_');
  if (withAt < 0) return classifyTls13(name, bare);

  let kxToken = bare.slice(0, withAt);
  const exportSuite = /_EXPORT(1024)?$/.test(kxToken);
  kxToken = kxToken.replace(/_EXPORT(1024)?$/, '');
  const kxPart = KEY_EXCHANGES[kxToken];
  if (!kxPart) throw new RangeError(`${name}: unknown key exchange ${kxToken}`);
  const { bulk, mac } = splitCipherAndMac(name, bare.slice(withAt + '_WITH_'.length));
  const minProtocol = minimumProtocol(kxPart.kx, bulk.mode, mac);
  return classification(kxPart, bulk, mac, exportSuite, minProtocol);
}

function classifyTls13(name: string, bare: string): SuiteClassification {
  const integrityOnly = /^(SHA256|SHA384)_\1$/.exec(bare);
  const any: KeyExchangePart = { kx: 'any', auth: 'any' };
  // RFC 9150 integrity-only suites: authenticated, not encrypted.
  if (integrityOnly) return classification(any, NULL_CIPHER, integrityOnly[1] === 'SHA256' ? 'SHA256' : 'SHA384', false, 'TLSv1.3');
  const { bulk, mac } = splitCipherAndMac(name, bare);
  if (mac !== 'AEAD') throw new RangeError(`${name}: a TLS 1.3 suite must be AEAD`);
  return classification(any, bulk, mac, false, 'TLSv1.3');
}

function splitCipherAndMac(name: string, spec: string): { bulk: BulkCipher; mac: MacAlgorithm } {
  const bulk = BULK_CIPHERS.find((b) => spec === b.token || spec.startsWith(`${b.token}_`));
  if (!bulk) throw new RangeError(`${name}: unknown cipher in ${spec}`);
  const macToken = spec.slice(bulk.token.length + 1);
  if (isAeadMode(bulk.mode)) return { bulk, mac: 'AEAD' };
  const mac = MACS[macToken];
  if (!mac) throw new RangeError(`${name}: unknown MAC ${macToken || '(none)'}`);
  return { bulk, mac };
}

function isAeadMode(mode: CipherMode): boolean {
  return mode === 'GCM' || mode === 'CCM' || mode === 'CCM_8' || mode === 'POLY1305';
}

function minimumProtocol(kx: KeyExchange, mode: CipherMode, mac: MacAlgorithm): TlsProtocolName {
  if (isAeadMode(mode)) return 'TLSv1.2';
  const psk = kx === 'PSK' || kx === 'DHE_PSK' || kx === 'RSA_PSK' || kx === 'ECDHE_PSK';
  // RFC 5487 defines its SHA-256/384 PSK suites for TLS 1.0 and 1.1 too; other SHA-2 MACs need TLS 1.2.
  if ((mac === 'SHA256' || mac === 'SHA384') && !psk) return 'TLSv1.2';
  // The EC suites need the supported_groups extension, which SSL 3.0 servers do not read.
  if (kx === 'ECDH' || kx === 'ECDHE' || kx === 'ECDHE_PSK' || mac === 'SHA256' || mac === 'SHA384') return 'TLSv1.0';
  return 'SSLv3';
}

/** Assembles the classification and its derived flags; shared with the SSL 2.0 cipher kinds. */
export function classification(
  kxPart: KeyExchangePart,
  bulk: Pick<BulkCipher, 'encryption' | 'bits' | 'effectiveBits' | 'mode'>,
  mac: MacAlgorithm,
  exportSuite: boolean,
  minProtocol: TlsProtocolName,
): SuiteClassification {
  const { kx, auth } = kxPart;
  const encryption = bulk.encryption;
  return {
    kx,
    auth,
    encryption,
    bits: bulk.bits,
    effectiveBits: bulk.effectiveBits ?? bulk.bits,
    mode: bulk.mode,
    mac,
    minProtocol,
    signalling: false,
    export: exportSuite,
    null: bulk.mode === 'NULL',
    anonymous: auth === 'anon' || auth === 'NULL',
    rc4: encryption.startsWith('RC4'),
    des: encryption.startsWith('DES'),
    tripleDes: encryption.startsWith('3DES'),
    cbc: bulk.mode === 'CBC',
    aead: isAeadMode(bulk.mode),
    forwardSecrecy: kx === 'DHE' || kx === 'ECDHE' || kx === 'DHE_PSK' || kx === 'ECDHE_PSK' || kx === 'ECCPWD' || kx === 'any',
    sha1Mac: mac === 'SHA1',
    md5Mac: mac === 'MD5',
  };
}

function signallingValue(): SuiteClassification {
  const nothing = classification({ kx: 'NULL', auth: 'NULL' }, NULL_CIPHER, 'NULL', false, 'SSLv3');
  return { ...nothing, signalling: true, null: false, anonymous: false };
}
