/**
 * IANA "TLS SignatureScheme" values (RFC 8446 §4.2.3), with the TLS 1.2 hash/signature pairs
 * (RFC 5246 §7.4.1.4.1) that share the same two-byte space.
 */
export const SIGNATURE_SCHEMES: ReadonlyMap<number, string> = new Map([
  [0x0101, 'rsa_md5'],
  [0x0102, 'dsa_md5'],
  [0x0103, 'ecdsa_md5'],
  [0x0201, 'rsa_pkcs1_sha1'],
  [0x0202, 'dsa_sha1'],
  [0x0203, 'ecdsa_sha1'],
  [0x0301, 'rsa_sha224'],
  [0x0302, 'dsa_sha224'],
  [0x0303, 'ecdsa_sha224'],
  [0x0401, 'rsa_pkcs1_sha256'],
  [0x0402, 'dsa_sha256'],
  [0x0403, 'ecdsa_secp256r1_sha256'],
  [0x0501, 'rsa_pkcs1_sha384'],
  [0x0502, 'dsa_sha384'],
  [0x0503, 'ecdsa_secp384r1_sha384'],
  [0x0601, 'rsa_pkcs1_sha512'],
  [0x0602, 'dsa_sha512'],
  [0x0603, 'ecdsa_secp521r1_sha512'],
  [0x0804, 'rsa_pss_rsae_sha256'],
  [0x0805, 'rsa_pss_rsae_sha384'],
  [0x0806, 'rsa_pss_rsae_sha512'],
  [0x0807, 'ed25519'],
  [0x0808, 'ed448'],
  [0x0809, 'rsa_pss_pss_sha256'],
  [0x080a, 'rsa_pss_pss_sha384'],
  [0x080b, 'rsa_pss_pss_sha512'],
  [0x081a, 'ecdsa_brainpoolP256r1tls13_sha256'],
  [0x081b, 'ecdsa_brainpoolP384r1tls13_sha384'],
  [0x081c, 'ecdsa_brainpoolP512r1tls13_sha512'],
  [0x0904, 'mldsa44'],
  [0x0905, 'mldsa65'],
  [0x0906, 'mldsa87'],
]);

export function signatureSchemeName(code: number): string {
  return SIGNATURE_SCHEMES.get(code) ?? `0x${code.toString(16).padStart(4, '0')}`;
}

const MODERN = [0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601];

/**
 * What a probe offers in TLS 1.2: broad, with SHA-1, SHA-224 and DSA at the end, because a server
 * that finds no common scheme refuses the handshake and the probe would wrongly say "not offered".
 */
export const DEFAULT_TLS12_SIGNATURE_SCHEMES: readonly number[] = [...MODERN, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202];

/** TLS 1.3 has no DSA and no SHA-224; SHA-1 stays last for servers with only an old certificate. */
export const DEFAULT_TLS13_SIGNATURE_SCHEMES: readonly number[] = [...MODERN, 0x081a, 0x081b, 0x081c, 0x0203, 0x0201];
