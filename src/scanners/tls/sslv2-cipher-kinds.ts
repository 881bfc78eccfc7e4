import { classification } from './cipher-suite-classify.js';
import type { Sslv2CipherKind } from './cipher-suite-types.js';

interface KindRow {
  code: number;
  name: string;
  openssl: string;
  encryption: string;
  bits: number;
  effectiveBits?: number;
  mode: 'CBC' | 'STREAM';
  export?: boolean;
}

// SSL 2.0 (draft-hickman-netscape-ssl-00): RSA key exchange and an MD5 MAC for every kind.
const ROWS: readonly KindRow[] = [
  { code: 0x010080, name: 'SSL_CK_RC4_128_WITH_MD5', openssl: 'RC4-MD5', encryption: 'RC4-128', bits: 128, mode: 'STREAM' },
  { code: 0x020080, name: 'SSL_CK_RC4_128_EXPORT40_WITH_MD5', openssl: 'EXP-RC4-MD5', encryption: 'RC4-40', bits: 40, mode: 'STREAM', export: true },
  { code: 0x030080, name: 'SSL_CK_RC2_128_CBC_WITH_MD5', openssl: 'RC2-CBC-MD5', encryption: 'RC2-CBC-128', bits: 128, mode: 'CBC' },
  { code: 0x040080, name: 'SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5', openssl: 'EXP-RC2-CBC-MD5', encryption: 'RC2-CBC-40', bits: 40, mode: 'CBC', export: true },
  { code: 0x050080, name: 'SSL_CK_IDEA_128_CBC_WITH_MD5', openssl: 'IDEA-CBC-MD5', encryption: 'IDEA-CBC', bits: 128, mode: 'CBC' },
  { code: 0x060040, name: 'SSL_CK_DES_64_CBC_WITH_MD5', openssl: 'DES-CBC-MD5', encryption: 'DES-CBC', bits: 56, mode: 'CBC' },
  { code: 0x0700c0, name: 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5', openssl: 'DES-CBC3-MD5', encryption: '3DES-EDE-CBC', bits: 168, effectiveBits: 112, mode: 'CBC' },
  { code: 0x080080, name: 'SSL_CK_RC4_64_WITH_MD5', openssl: 'RC4-64-MD5', encryption: 'RC4-64', bits: 64, mode: 'STREAM' },
];

export const SSLV2_CIPHER_KINDS: readonly Sslv2CipherKind[] = ROWS.map((row) => {
  const bulk = { encryption: row.encryption, bits: row.bits, mode: row.mode, ...(row.effectiveBits ? { effectiveBits: row.effectiveBits } : {}) };
  const { signalling: _signalling, ...classified } = classification({ kx: 'RSA', auth: 'RSA' }, bulk, 'MD5', row.export ?? false, 'SSLv2');
  return { code: row.code, name: row.name, openssl: row.openssl, ...classified };
});

const BY_CODE = new Map(SSLV2_CIPHER_KINDS.map((k) => [k.code, k]));

export function sslv2KindByCode(code: number): Sslv2CipherKind | undefined {
  return BY_CODE.get(code);
}

export const SSLV2_CIPHER_KIND_CODES: readonly number[] = SSLV2_CIPHER_KINDS.map((k) => k.code);
