/** One entry point over the five version schemes, and which scheme an OSV ecosystem uses. */
import type { VersionScheme } from '../../core/model/knowledge.js';
import { compareParsedDebian, parseDebianVersion } from './debian.js';
import { compareParsedDotted, parseDotted } from './dotted.js';
import { compareParsedGeneric, parseGeneric } from './generic.js';
import { compareParsedRpm, parseRpmVersion } from './rpm.js';
import { compareParsedSemver, parseSemver } from './semver.js';

/**
 * How one scheme reads and orders versions. `compare` only takes what `parse` of the same order
 * returned; parsing is memoised, so a bound seen in many advisories is read once.
 */
export interface VersionOrder<Parsed> {
  parse(version: string): Parsed | null;
  compare(a: Parsed, b: Parsed): number;
}

/** Distinct strings remembered per scheme; past this the memory starts afresh (a simple bound, no LRU bookkeeping). */
const MEMO_LIMIT = 50_000;

function memoised<Parsed>(parse: (version: string) => Parsed | null, compare: (a: Parsed, b: Parsed) => number): VersionOrder<Parsed> {
  const memory = new Map<string, Parsed | null>();
  return {
    parse(version) {
      const known = memory.get(version);
      if (known !== undefined) return known;
      const parsed = parse(version);
      if (memory.size >= MEMO_LIMIT) memory.clear();
      memory.set(version, parsed);
      return parsed;
    },
    compare,
  };
}

const ORDERS: { readonly [S in VersionScheme]: VersionOrder<unknown> } = {
  debian: memoised(parseDebianVersion, compareParsedDebian),
  rpm: memoised(parseRpmVersion, compareParsedRpm),
  semver: memoised(parseSemver, compareParsedSemver),
  dotted: memoised(parseDotted, compareParsedDotted),
  generic: memoised(parseGeneric, compareParsedGeneric),
};

export function orderOf(scheme: VersionScheme): VersionOrder<unknown> {
  return ORDERS[scheme];
}

/**
 * Negative when a is older than b, 0 when they are the same version, positive when a is newer; null
 * when either is not a version of that scheme (an empty string, "latest", "1.0-" for Debian).
 */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number | null {
  const order = ORDERS[scheme];
  const x = order.parse(a);
  if (x === null) return null;
  const y = order.parse(b);
  if (y === null) return null;
  return order.compare(x, y);
}

/** OSV ecosystems (the part before the first colon, any case) whose versions are not generic. */
const ECOSYSTEM_SCHEMES: ReadonlyMap<string, VersionScheme> = new Map<string, VersionScheme>([
  ['npm', 'semver'],
  ['retire.js', 'semver'],
  ['debian', 'debian'],
  ['ubuntu', 'debian'],
  ['red hat', 'rpm'],
  ['almalinux', 'rpm'],
  ['rocky linux', 'rpm'],
  ['opensuse', 'rpm'],
  ['suse', 'rpm'],
  ['fedora', 'rpm'],
  ['amazon linux', 'rpm'],
  ['mageia', 'rpm'],
  ['openeuler', 'rpm'],
  ['photon os', 'rpm'],
]);

/**
 * The scheme an OSV ecosystem's versions follow: "npm" and "retire.js" semver; "Debian:12",
 * "Ubuntu:Pro:18.04:LTS" debian; "Red Hat", "AlmaLinux:8", "Rocky Linux:9", "openSUSE", "SUSE:..."
 * (and the other RPM distributions) rpm; "upstream" and everything else generic.
 */
export function schemeOfEcosystem(ecosystem: string): VersionScheme {
  const colon = ecosystem.indexOf(':');
  const name = (colon < 0 ? ecosystem : ecosystem.slice(0, colon)).trim().toLowerCase();
  return ECOSYSTEM_SCHEMES.get(name) ?? 'generic';
}
