import type { TlsProtocolName } from '../../core/model/observation.js';

export interface ProtocolVersion {
  code: number;
  name: TlsProtocolName;
  /** How people write it: "SSL 3.0", "TLS 1.2". */
  display: string;
}

export const SSL2 = 0x0002;
export const SSL3 = 0x0300;
export const TLS10 = 0x0301;
export const TLS11 = 0x0302;
export const TLS12 = 0x0303;
export const TLS13 = 0x0304;

export const PROTOCOL_VERSIONS: readonly ProtocolVersion[] = [
  { code: SSL2, name: 'SSLv2', display: 'SSL 2.0' },
  { code: SSL3, name: 'SSLv3', display: 'SSL 3.0' },
  { code: TLS10, name: 'TLSv1.0', display: 'TLS 1.0' },
  { code: TLS11, name: 'TLSv1.1', display: 'TLS 1.1' },
  { code: TLS12, name: 'TLSv1.2', display: 'TLS 1.2' },
  { code: TLS13, name: 'TLSv1.3', display: 'TLS 1.3' },
];

const BY_CODE = new Map(PROTOCOL_VERSIONS.map((v) => [v.code, v]));
const BY_NAME = new Map(PROTOCOL_VERSIONS.map((v) => [v.name, v]));

export function protocolByCode(code: number): ProtocolVersion | undefined {
  return BY_CODE.get(code);
}

export function protocolByName(name: TlsProtocolName): ProtocolVersion {
  const found = BY_NAME.get(name);
  if (!found) throw new RangeError(`unknown protocol ${name}`);
  return found;
}

/** GREASE values (RFC 8701) are 0x?A?A with both bytes equal; servers must ignore them. */
export function isGrease(code: number): boolean {
  return (code & 0x0f0f) === 0x0a0a && code >> 8 === (code & 0xff);
}

/**
 * A readable name for any version code a server may send: the six known versions, TLS 1.3
 * drafts (0x7F12 = draft 18) that old servers still select, GREASE, or the hex value.
 */
export function versionDisplayName(code: number): string {
  const known = BY_CODE.get(code);
  if (known) return known.display;
  if (code >> 8 === 0x7f) return `TLS 1.3 draft ${code & 0xff}`;
  if (isGrease(code)) return `GREASE 0x${hex16(code)}`;
  return `0x${hex16(code)}`;
}

export function hex16(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
