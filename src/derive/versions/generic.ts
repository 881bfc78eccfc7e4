/**
 * Software's own (upstream) versions: "9.2p1", "2.4.49", "1.0.2k", "7.0.15", "8.3.0RC1". Split into
 * segments as rpmvercmp does (runs of digits, runs of letters; other characters only separate), with
 * three deliberate differences, because upstream projects do not write rpm's `~`:
 *  - a missing segment reads as 0: "7.0" equals "7.0.0"; any other extra segment makes the version
 *    newer: "1.0.2k" > "1.0.2", "9.8p1" > "9.8" (OpenSSL letter releases, OpenSSH portable releases);
 *  - pre-release words sort before the end: dev < alpha < beta < pre = preview < rc < (end), so
 *    "2.0.0-rc1" < "2.0.0" and "8.3.0RC1" < "8.3.0" (the single letters a and b are not pre-release
 *    words: "1.0.2a" is OpenSSL's first letter release, after 1.0.2);
 *  - letters compare without case ("RC1" = "rc1").
 * Between segments of different kinds at the same place: `~` < pre-release word < other letters <
 * number, so "1.0a" < "1.0.1" and "1.0rc1" < "1.0p1", as rpm orders letters before numbers.
 * A leading "v" is ignored.
 */
import { codeAt, compareDigitRuns, isDigit, isLetter, stripLeadingZeros } from './chars.js';

const TILDE = 0;
const PRE_RELEASE = 1;
const WORD = 2;
const NUMBER = 3;
type SegmentKind = typeof TILDE | typeof PRE_RELEASE | typeof WORD | typeof NUMBER;

export interface GenericSegment {
  kind: SegmentKind;
  /** Digits without leading zeros, or the letters in lower case. */
  text: string;
  /** The pre-release word's place (dev 0 ... rc 4); 0 for other kinds. */
  rank: number;
}

export type GenericVersion = readonly GenericSegment[];

const PRE_RELEASE_RANKS: ReadonlyMap<string, number> = new Map([
  ['dev', 0],
  ['alpha', 1],
  ['beta', 2],
  ['pre', 3],
  ['preview', 3],
  ['rc', 4],
]);

/** The segments of an upstream version, or null when it is not one: empty, blank inside, or not starting with a digit (after an optional "v"). */
export function parseGeneric(text: string): GenericVersion | null {
  const version = text.trim();
  const start = codeAt(version, 0) === 118 || codeAt(version, 0) === 86 ? 1 : 0;
  if (!isDigit(codeAt(version, start))) return null;
  for (let i = 0; i < version.length; i++) if (codeAt(version, i) <= 32) return null;
  return segmentsOf(version, start);
}

/** The segments of any string (no check), from `start`. */
export function segmentsOf(text: string, start = 0): GenericVersion {
  const segments: GenericSegment[] = [];
  let i = start;
  while (i < text.length) {
    const code = codeAt(text, i);
    if (code === 126) {
      segments.push({ kind: TILDE, text: '~', rank: 0 });
      i++;
    } else if (isDigit(code)) {
      let end = i;
      while (isDigit(codeAt(text, end))) end++;
      segments.push({ kind: NUMBER, text: stripLeadingZeros(text.slice(i, end)), rank: 0 });
      i = end;
    } else if (isLetter(code)) {
      let end = i;
      while (isLetter(codeAt(text, end))) end++;
      const word = text.slice(i, end).toLowerCase();
      const rank = PRE_RELEASE_RANKS.get(word);
      segments.push(rank === undefined ? { kind: WORD, text: word, rank: 0 } : { kind: PRE_RELEASE, text: word, rank });
      i = end;
    } else {
      i++;
    }
  }
  return segments;
}

export function compareParsedGeneric(a: GenericVersion, b: GenericVersion): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareSegments(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  if (a.length === b.length) return 0;
  return a.length > b.length ? weightOfTail(a, length) : 0 - weightOfTail(b, length);
}

/** Compares two upstream versions (-1, 0 or 1); any string compares (read from its first character). */
export function compareGeneric(a: string, b: string): number {
  return compareParsedGeneric(parseGeneric(a) ?? segmentsOf(a), parseGeneric(b) ?? segmentsOf(b));
}

function compareSegments(x: GenericSegment, y: GenericSegment): number {
  if (x.kind !== y.kind) return x.kind < y.kind ? -1 : 1;
  if (x.kind === NUMBER) return compareDigitRuns(x.text, y.text);
  if (x.rank !== y.rank) return x.rank < y.rank ? -1 : 1;
  return x.text === y.text ? 0 : x.text < y.text ? -1 : 1;
}

/** How the segments left over after the other version ended weigh: 0 when only zeros, -1 when a pre-release comes first, else 1. */
function weightOfTail(segments: GenericVersion, from: number): number {
  for (let i = from; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === NUMBER && segment.text === '0') continue;
    return segment.kind === TILDE || segment.kind === PRE_RELEASE ? -1 : 1;
  }
  return 0;
}
