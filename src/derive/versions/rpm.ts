/**
 * RPM versions (`[epoch:]version[-release]`), compared segment by segment as rpm's rpmvercmp does.
 * Used for Red Hat, AlmaLinux, Rocky Linux, SUSE, Fedora and Amazon Linux packages.
 */
import { codeAt, compareDigitRuns, isAlphanumeric, isDigit, isLetter } from './chars.js';

export interface RpmVersion {
  /** Digits; "0" when the version has none. */
  epoch: string;
  version: string;
  /**
   * Empty when the version has none. rpm's dependency matching skips the release when either side
   * lacks one; here a missing release sorts before any release ("1.0" < "1.0-1"), as OSV's own
   * matching does, so that the order stays total and a range check has one answer.
   */
  release: string;
}

/** Splits as rpm's parseEVR: digits before a colon are the epoch, the text after the last hyphen is the release. */
export function splitRpmVersion(text: string): RpmVersion {
  const evr = text.trim();
  let digits = 0;
  while (isDigit(codeAt(evr, digits))) digits++;
  const hasEpoch = codeAt(evr, digits) === 58;
  const epoch = hasEpoch && digits > 0 ? evr.slice(0, digits) : '0';
  const rest = hasEpoch ? evr.slice(digits + 1) : evr;
  const hyphen = rest.lastIndexOf('-');
  return hyphen < 0 ? { epoch, version: rest, release: '' } : { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

/**
 * An RPM version, or null when it is not one: empty, a colon not preceded by a numeric epoch, an empty
 * version or release, a version without any digit, or a character outside [A-Za-z0-9._+~^] (rpmbuild's set).
 */
export function parseRpmVersion(text: string): RpmVersion | null {
  const evr = text.trim();
  const colon = evr.indexOf(':');
  if (colon >= 0) {
    for (let i = 0; i < colon; i++) if (!isDigit(codeAt(evr, i))) return null;
  }
  if (evr.endsWith('-')) return null;
  const parsed = splitRpmVersion(evr);
  if (!allowed(parsed.version) || !allowed(parsed.release) || !hasDigit(parsed.version)) return null;
  return parsed;
}

/** Epoch, then version, then release, each by rpmvercmp. */
export function compareParsedRpm(a: RpmVersion, b: RpmVersion): number {
  return rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}

/** Compares two EVR strings (-1, 0 or 1); any string compares, as in rpm. */
export function compareRpm(a: string, b: string): number {
  return compareParsedRpm(splitRpmVersion(a), splitRpmVersion(b));
}

const TILDE = 126;
const CARET = 94;

/**
 * rpm's rpmvercmp: separators are skipped; alphabetic and numeric segments compare in turn (numeric is
 * newer than alphabetic, numbers without leading zeros); `~` sorts before anything, even the end; `^`
 * sorts after the end but before any further segment.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isSegmentStart(codeAt(a, i))) i++;
    while (j < b.length && !isSegmentStart(codeAt(b, j))) j++;
    const x = codeAt(a, i);
    const y = codeAt(b, j);
    if (x === TILDE || y === TILDE) {
      if (x !== TILDE) return 1;
      if (y !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    if (x === CARET || y === CARET) {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (x !== CARET) return 1;
      if (y !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(x);
    const endA = segmentEnd(a, i, numeric);
    const endB = segmentEnd(b, j, numeric);
    if (endB === j) return numeric ? 1 : -1;
    const one = a.slice(i, endA);
    const two = b.slice(j, endB);
    const order = numeric ? compareDigitRuns(one, two) : one === two ? 0 : one < two ? -1 : 1;
    if (order !== 0) return order;
    i = endA;
    j = endB;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

function isSegmentStart(code: number): boolean {
  return isAlphanumeric(code) || code === TILDE || code === CARET;
}

function segmentEnd(text: string, start: number, numeric: boolean): number {
  let end = start;
  while (end < text.length && (numeric ? isDigit(codeAt(text, end)) : isLetter(codeAt(text, end)))) end++;
  return end;
}

function allowed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = codeAt(text, i);
    if (!isAlphanumeric(code) && code !== 46 && code !== 95 && code !== 43 && code !== TILDE && code !== CARET) return false;
  }
  return true;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(codeAt(text, i))) return true;
  return false;
}
