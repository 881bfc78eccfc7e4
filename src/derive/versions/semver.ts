/**
 * Semantic versions (npm, retire.js), by the `semver` package in loose mode, which also reads the
 * spellings retire.js uses: "1.9.0b1" as 1.9.0-b1, "2.2.4-aem" and "1.12.4-aem1" as pre-releases of
 * 2.2.4 and 1.12.4 (as retire.js itself orders them), "v1.2.3", "=1.2.3".
 *
 * A version with one or two numbers is padded first ("1.2" as 1.2.0, "1.2-beta" as 1.2.0-beta).
 * When either side still cannot be read as semver ("1.2.3.4", "4.0.0.beta"), the pair is compared
 * by the generic upstream comparator (generic.ts) on the strings as written, so such a pair always
 * gets an answer; a string that is neither semver nor a generic version is not a version.
 * Build metadata does not count (1.0.0+build1 equals 1.0.0), as in semver precedence.
 */
import { parse, type SemVer } from 'semver';
import { codeAt, isDigit } from './chars.js';
import { compareParsedGeneric, parseGeneric, segmentsOf, type GenericVersion } from './generic.js';

export interface SemverVersion {
  /** The semver reading, null when the string has none. */
  semver: SemVer | null;
  /** The generic reading, for the fallback. */
  generic: GenericVersion;
}

const OPTIONS = { loose: true } as const;

/** A semver (or generic fallback) version, or null when neither reads it. */
export function parseSemver(text: string): SemverVersion | null {
  const version = text.trim();
  const semver = readSemver(version);
  const generic = parseGeneric(version);
  if (semver === null) return generic === null ? null : { semver, generic };
  return { semver, generic: generic ?? segmentsOf(semver.version) };
}

export function compareParsedSemver(a: SemverVersion, b: SemverVersion): number {
  if (a.semver !== null && b.semver !== null) return a.semver.compare(b.semver);
  return compareParsedGeneric(a.generic, b.generic);
}

/** Compares two semantic versions (-1, 0 or 1); strings that are no version compare generically. */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a) ?? { semver: null, generic: segmentsOf(a) };
  const y = parseSemver(b) ?? { semver: null, generic: segmentsOf(b) };
  return compareParsedSemver(x, y);
}

/**
 * semver's parse throws inside for strings it refuses; counting the leading numbers first keeps the
 * common refusals ("1.2.3.4", "latest") off that path and lets one or two numbers be padded.
 */
function readSemver(version: string): SemVer | null {
  let i = 0;
  while (i < version.length && (version[i] === 'v' || version[i] === 'V' || version[i] === '=')) i++;
  let numbers = 0;
  for (;;) {
    if (!isDigit(codeAt(version, i))) break;
    while (isDigit(codeAt(version, i))) i++;
    numbers++;
    if (codeAt(version, i) !== 46 || !isDigit(codeAt(version, i + 1))) break;
    i++;
  }
  if (numbers === 0 || numbers > 3) return null;
  const padded = numbers === 3 ? version : version.slice(0, i) + '.0'.repeat(3 - numbers) + version.slice(i);
  return parse(padded, OPTIONS);
}
