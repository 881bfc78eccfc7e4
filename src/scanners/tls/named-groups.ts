/**
 * IANA "TLS Supported Groups" (RFC 8422, 7919, 8446, 8734 and the ML-KEM drafts). `bits` is the
 * key size as OpenSSL reports it; `weak` marks curves under 224 bits and every binary (sect*)
 * curve, which RFC 8422 deprecated.
 */
export type GroupKind = 'ecdhe' | 'ffdhe' | 'hybrid' | 'kem' | 'explicit';

export interface NamedGroup {
  code: number;
  name: string;
  kind: GroupKind;
  bits: number;
  /** Characteristic-2 field (sect*). */
  binary: boolean;
  weak: boolean;
}

type Row = readonly [code: number, name: string, kind: GroupKind, bits: number];

const ROWS: readonly Row[] = [
  [1, 'sect163k1', 'ecdhe', 163],
  [2, 'sect163r1', 'ecdhe', 163],
  [3, 'sect163r2', 'ecdhe', 163],
  [4, 'sect193r1', 'ecdhe', 193],
  [5, 'sect193r2', 'ecdhe', 193],
  [6, 'sect233k1', 'ecdhe', 233],
  [7, 'sect233r1', 'ecdhe', 233],
  [8, 'sect239k1', 'ecdhe', 239],
  [9, 'sect283k1', 'ecdhe', 283],
  [10, 'sect283r1', 'ecdhe', 283],
  [11, 'sect409k1', 'ecdhe', 409],
  [12, 'sect409r1', 'ecdhe', 409],
  [13, 'sect571k1', 'ecdhe', 571],
  [14, 'sect571r1', 'ecdhe', 571],
  [15, 'secp160k1', 'ecdhe', 160],
  [16, 'secp160r1', 'ecdhe', 160],
  [17, 'secp160r2', 'ecdhe', 160],
  [18, 'secp192k1', 'ecdhe', 192],
  [19, 'secp192r1', 'ecdhe', 192],
  [20, 'secp224k1', 'ecdhe', 224],
  [21, 'secp224r1', 'ecdhe', 224],
  [22, 'secp256k1', 'ecdhe', 256],
  [23, 'secp256r1', 'ecdhe', 256],
  [24, 'secp384r1', 'ecdhe', 384],
  [25, 'secp521r1', 'ecdhe', 521],
  [26, 'brainpoolP256r1', 'ecdhe', 256],
  [27, 'brainpoolP384r1', 'ecdhe', 384],
  [28, 'brainpoolP512r1', 'ecdhe', 512],
  [29, 'x25519', 'ecdhe', 253],
  [30, 'x448', 'ecdhe', 448],
  [31, 'brainpoolP256r1tls13', 'ecdhe', 256],
  [32, 'brainpoolP384r1tls13', 'ecdhe', 384],
  [33, 'brainpoolP512r1tls13', 'ecdhe', 512],
  [34, 'GC256A', 'ecdhe', 256],
  [35, 'GC256B', 'ecdhe', 256],
  [36, 'GC256C', 'ecdhe', 256],
  [37, 'GC256D', 'ecdhe', 256],
  [38, 'GC512A', 'ecdhe', 512],
  [39, 'GC512B', 'ecdhe', 512],
  [40, 'GC512C', 'ecdhe', 512],
  [41, 'curveSM2', 'ecdhe', 256],
  [256, 'ffdhe2048', 'ffdhe', 2048],
  [257, 'ffdhe3072', 'ffdhe', 3072],
  [258, 'ffdhe4096', 'ffdhe', 4096],
  [259, 'ffdhe6144', 'ffdhe', 6144],
  [260, 'ffdhe8192', 'ffdhe', 8192],
  [512, 'MLKEM512', 'kem', 512],
  [513, 'MLKEM768', 'kem', 768],
  [514, 'MLKEM1024', 'kem', 1024],
  [4587, 'SecP256r1MLKEM768', 'hybrid', 256],
  [4588, 'X25519MLKEM768', 'hybrid', 253],
  [4589, 'SecP384r1MLKEM1024', 'hybrid', 384],
  [25497, 'X25519Kyber768Draft00', 'hybrid', 253],
  [0xff01, 'arbitrary_explicit_prime_curves', 'explicit', 0],
  [0xff02, 'arbitrary_explicit_char2_curves', 'explicit', 0],
];

export const NAMED_GROUPS: readonly NamedGroup[] = ROWS.map(([code, name, kind, bits]) => {
  const binary = name.startsWith('sect');
  return { code, name, kind, bits, binary, weak: kind === 'ecdhe' && (binary || bits < 224) };
});

const BY_CODE = new Map(NAMED_GROUPS.map((g) => [g.code, g]));
const BY_NAME = new Map(NAMED_GROUPS.map((g) => [g.name, g]));

export function groupByCode(code: number): NamedGroup | undefined {
  return BY_CODE.get(code);
}

export function groupByName(name: string): NamedGroup | undefined {
  return BY_NAME.get(name);
}

export function groupName(code: number): string {
  return BY_CODE.get(code)?.name ?? `group_0x${code.toString(16).padStart(4, '0')}`;
}

export const GROUP = {
  secp256r1: 23,
  secp384r1: 24,
  secp521r1: 25,
  x25519: 29,
  x448: 30,
  brainpoolP256r1tls13: 31,
  brainpoolP384r1tls13: 32,
  brainpoolP512r1tls13: 33,
  ffdhe2048: 256,
  ffdhe3072: 257,
  ffdhe4096: 258,
  ffdhe6144: 259,
  ffdhe8192: 260,
} as const;

/** Every elliptic curve a TLS 1.2 server might pick, strongest first: offered to learn which ones it accepts. */
export const ALL_EC_GROUP_CODES: readonly number[] = [29, 30, 23, 24, 25, 26, 27, 28, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

export const FFDHE_GROUP_CODES: readonly number[] = [256, 257, 258, 259, 260];
