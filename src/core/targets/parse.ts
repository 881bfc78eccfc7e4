import { domainToASCII } from 'node:url';
import { InputError } from '../errors.js';
import { cidrInterval, canonicalIp, formatIp, intervalSize, parseIp, type AddressInterval } from './address.js';

/** One parsed target specification, before merging into a target set. */
export type TargetEntry =
  | { type: 'name'; host: string; input: string }
  | { type: 'url'; host: string; hostKind: 'ip' | 'name'; url: string; port: number; input: string }
  | { type: 'addresses'; intervals: AddressInterval[]; size: bigint; explicit: boolean; input: string };

export interface ParseLimits {
  /** Largest range accepted without --allow-large (a /16). */
  maxAddresses: bigint;
  allowLarge: boolean;
  /** Exclusions are never enumerated, so any size is fine. */
  forExclusion?: boolean;
}

export const EXCLUSION_LIMITS: ParseLimits = { maxAddresses: 0n, allowLarge: true, forExclusion: true };

export const DEFAULT_MAX_ADDRESSES = 65_536n;
/** Above this no range is enumerated, flag or not: 16.7 million addresses is a /8. */
export const ENUMERATION_LIMIT = 16_777_216n;

const NAME_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

export function parseTarget(raw: string, limits: ParseLimits): TargetEntry {
  const input = raw.trim();
  if (input === '') throw new InputError('target.empty');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return parseUrl(input);
  if (input.includes('/')) return checked(parseCidr(input), limits);

  const ip = parseIp(input);
  if (ip) {
    return { type: 'addresses', intervals: [{ family: ip.family, start: ip.value, end: ip.value }], size: 1n, explicit: true, input };
  }
  if (/[-,]/.test(input) && !/[g-z]/i.test(input) && (input.includes(':') || /^[\d.,-]+$/.test(input))) {
    return checked(input.includes(':') ? parseFullRange(input) : parseOctetRanges(input), limits);
  }
  // An internationalised name is used as its ASCII (punycode) form, as a URL's host would be.
  const host = normaliseName(/[^\x00-\x7f]/.test(input) ? domainToASCII(input) : input);
  if (!host) throw new InputError('target.invalid', { input });
  return { type: 'name', host, input };
}

/** Lower-case, no trailing dot, every label valid; null when the text is not a host name. */
export function normaliseName(text: string): string | null {
  const name = text.toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split('.');
  if (!labels.every((label) => NAME_LABEL.test(label))) return null;
  // A name of digits and dots only would be a mistyped IPv4 address ("10.0.0", "300.1.1.1").
  if (/^[\d.]+$/.test(name)) return null;
  return name;
}

function parseUrl(input: string): TargetEntry {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InputError('target.invalid', { input });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('target.badScheme', { input });
  if (url.username || url.password) throw new InputError('target.urlCredentials', { input });
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  const ip = canonicalIp(bare);
  const host = ip ?? normaliseName(bare);
  if (!host) throw new InputError('target.invalid', { input });
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  url.hash = '';
  return { type: 'url', host, hostKind: ip ? 'ip' : 'name', url: url.href, port, input };
}

function parseCidr(input: string): TargetEntry {
  const [address = '', prefixText = '', extra] = input.split('/');
  const ip = parseIp(address);
  if (!ip || extra !== undefined) throw new InputError('target.invalid', { input });
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  const interval = cidrInterval(address, prefix);
  if (!interval) throw new InputError('target.badCidr', { input });
  const single = interval.start === interval.end;
  return { type: 'addresses', intervals: [interval], size: intervalSize(interval), explicit: single, input };
}

function parseFullRange(input: string): TargetEntry {
  const parts = input.split('-');
  const first = parts.length === 2 ? parseIp(parts[0] ?? '') : null;
  const last = parts.length === 2 ? parseIp(parts[1] ?? '') : null;
  if (!first || !last || first.family !== last.family) throw new InputError('target.invalid', { input });
  if (last.value < first.value) throw new InputError('target.badRange', { input });
  const interval: AddressInterval = { family: first.family, start: first.value, end: last.value };
  return { type: 'addresses', intervals: [interval], size: intervalSize(interval), explicit: false, input };
}

/** nmap-style IPv4 ranges: "10.0.0.1-50", "10.0.1-3.1-254", "10.0.0.1,5,9", or "10.0.0.1-10.0.0.50". */
function parseOctetRanges(input: string): TargetEntry {
  const dashParts = input.split('-');
  if (dashParts.length === 2 && parseIp(dashParts[0] ?? '') && parseIp(dashParts[1] ?? '')) return parseFullRange(input);

  const octets = input.split('.');
  if (octets.length !== 4) throw new InputError('target.invalid', { input });
  const values = octets.map((octet) => parseOctet(octet, input));
  const size = values.reduce((product, list) => product * BigInt(list.length), 1n);
  if (size > ENUMERATION_LIMIT) throw new InputError('target.enormous', { input, count: size.toString(), limit: ENUMERATION_LIMIT.toString() });

  const intervals: AddressInterval[] = [];
  const [a = [], b = [], c = [], d = []] = values;
  const runs = contiguousRuns(d);
  for (const x of a) for (const y of b) for (const z of c) {
    const base = (BigInt(x) << 24n) | (BigInt(y) << 16n) | (BigInt(z) << 8n);
    for (const [from, to] of runs) intervals.push({ family: 4, start: base | BigInt(from), end: base | BigInt(to) });
  }
  return { type: 'addresses', intervals, size, explicit: false, input };
}

function parseOctet(text: string, input: string): number[] {
  const values = new Set<number>();
  for (const piece of text.split(',')) {
    const match = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(piece);
    if (!match) throw new InputError('target.invalid', { input });
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from > 255 || to > 255) throw new InputError('target.invalid', { input });
    if (to < from) throw new InputError('target.badRange', { input });
    for (let v = from; v <= to; v++) values.add(v);
  }
  return [...values].sort((x, y) => x - y);
}

function contiguousRuns(sorted: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const value of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === value) last[1] = value;
    else runs.push([value, value]);
  }
  return runs;
}

function checked(entry: TargetEntry, limits: ParseLimits): TargetEntry {
  if (entry.type !== 'addresses' || limits.forExclusion) return entry;
  if (entry.size > ENUMERATION_LIMIT) {
    throw new InputError('target.enormous', { input: entry.input, count: entry.size.toString(), limit: ENUMERATION_LIMIT.toString() });
  }
  if (entry.size > limits.maxAddresses && !limits.allowLarge) {
    throw new InputError('target.tooLarge', { input: entry.input, count: entry.size.toString(), limit: limits.maxAddresses.toString() });
  }
  return entry;
}

export function describeInterval(interval: AddressInterval): string {
  const first = formatIp(interval.family, interval.start);
  return interval.start === interval.end ? first : `${first}-${formatIp(interval.family, interval.end)}`;
}
