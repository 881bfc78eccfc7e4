import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

/** A closed interval of addresses of one family, as integers so ranges can be merged and counted. */
export interface AddressInterval {
  family: Family;
  start: bigint;
  end: bigint;
}

export function parseIp(text: string): { family: Family; value: bigint } | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) {
    return { family: 4, value: bytesToBigint(ipaddr.IPv4.parse(bare).toByteArray()) };
  }
  if (bare.includes(':') && !bare.includes('%') && ipaddr.IPv6.isValid(bare)) {
    return { family: 6, value: bytesToBigint(ipaddr.IPv6.parse(bare).toByteArray()) };
  }
  return null;
}

export function formatIp(family: Family, value: bigint): string {
  const length = family === 4 ? 4 : 16;
  const bytes: number[] = new Array<number>(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** The canonical text of an address (compressed lower-case IPv6), or null when it is not one. */
export function canonicalIp(text: string): string | null {
  const parsed = parseIp(text);
  return parsed ? formatIp(parsed.family, parsed.value) : null;
}

export function familyOf(address: string): Family | null {
  return parseIp(address)?.family ?? null;
}

export function cidrInterval(address: string, prefix: number): AddressInterval | null {
  const parsed = parseIp(address);
  if (!parsed) return null;
  const bits = parsed.family === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  const size = 1n << hostBits;
  const start = (parsed.value >> hostBits) << hostBits;
  return { family: parsed.family, start, end: start + size - 1n };
}

export function intervalSize(interval: AddressInterval): bigint {
  return interval.end - interval.start + 1n;
}

export function intervalContains(interval: AddressInterval, family: Family, value: bigint): boolean {
  return interval.family === family && value >= interval.start && value <= interval.end;
}

function bytesToBigint(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
