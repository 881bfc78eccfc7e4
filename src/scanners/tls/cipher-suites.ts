import { classifySuiteName } from './cipher-suite-classify.js';
import { SUITES_00XX } from './cipher-suite-data-00xx.js';
import { SUITES_C0XX } from './cipher-suite-data-c0xx.js';
import { UNREGISTERED_SUITES } from './cipher-suite-data-unregistered.js';
import type { CipherSuite, SuiteRow } from './cipher-suite-types.js';
import { hex16 } from './protocol-versions.js';

export type { Authentication, CipherClassification, CipherMode, CipherSuite, KeyExchange, MacAlgorithm } from './cipher-suite-types.js';

export const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
export const TLS_FALLBACK_SCSV = 0x5600;

function build(rows: readonly SuiteRow[], registered: boolean): CipherSuite[] {
  return rows.map(([code, name, openssl]) => ({ code, name, openssl, registered, ...classifySuiteName(name) }));
}

/** Every suite rasoat knows, in code order: the IANA registry (less GOST) plus the unregistered ones still seen. */
export const CIPHER_SUITES: readonly CipherSuite[] = [...build(SUITES_00XX, true), ...build(SUITES_C0XX, true), ...build(UNREGISTERED_SUITES, false)].sort(
  (a, b) => a.code - b.code,
);

const BY_CODE = new Map(CIPHER_SUITES.map((s) => [s.code, s]));
const BY_NAME = new Map<string, CipherSuite>();
for (const suite of CIPHER_SUITES) {
  BY_NAME.set(suite.name, suite);
  if (suite.openssl) BY_NAME.set(suite.openssl, suite);
}

export function suiteByCode(code: number): CipherSuite | undefined {
  return BY_CODE.get(code);
}

/** Finds a suite by its IANA name or its OpenSSL name. */
export function suiteByName(name: string): CipherSuite | undefined {
  return BY_NAME.get(name);
}

/** "0xC02F": the form suites are shown and stored in. */
export function suiteCodeHex(code: number): string {
  return `0x${hex16(code)}`;
}

/** Every real suite usable below TLS 1.3 (signalling values excluded), in code order. */
export const TLS12_SUITE_CODES: readonly number[] = CIPHER_SUITES.filter((s) => !s.signalling && s.minProtocol !== 'TLSv1.3').map((s) => s.code);

/** The TLS 1.3 suites (0x1301-0x1305 and the rarer SM4 and integrity-only ones). */
export const TLS13_SUITE_CODES: readonly number[] = CIPHER_SUITES.filter((s) => s.minProtocol === 'TLSv1.3').map((s) => s.code);
