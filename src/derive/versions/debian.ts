/**
 * Debian package versions, compared exactly as dpkg does (Debian Policy 5.6.12, dpkg's verrevcmp):
 * `[epoch:]upstream_version[-debian_revision]`. Used for Debian, Ubuntu and Raspbian packages.
 */
import { codeAt, isAlphanumeric, isDigit, isLetter, sign } from './chars.js';

export interface DebianVersion {
  /** 0 when the version has none. */
  epoch: number;
  upstream: string;
  /** Empty when the version has none ("1.0" and "1.0-0" are equal, as in dpkg). */
  revision: string;
}

const MAX_EPOCH = 2_147_483_647;

/**
 * Splits a version the way dpkg does without judging it: epoch before the first colon (0 when that is
 * not a number), revision after the last hyphen. dpkg still compares versions it only warns about.
 */
export function splitDebianVersion(text: string): DebianVersion {
  const version = text.trim();
  let rest = version;
  let epoch = 0;
  const colon = version.indexOf(':');
  if (colon > 0 && allDigits(version, 0, colon)) {
    epoch = Number(version.slice(0, colon));
    rest = version.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  return hyphen < 0 ? { epoch, upstream: rest, revision: '' } : { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

/**
 * A Debian version, or null when dpkg would refuse it or warn about it: empty, embedded spaces, an
 * epoch that is not a number, nothing after the colon, an empty revision, an upstream version that does
 * not start with a digit, or a character outside [A-Za-z0-9.+~-:] (revision: [A-Za-z0-9.+~]).
 */
export function parseDebianVersion(text: string): DebianVersion | null {
  const version = text.trim();
  if (version.length === 0 || hasBlank(version)) return null;
  const colon = version.indexOf(':');
  if (colon === 0) return null;
  if (colon > 0) {
    if (!allDigits(version, 0, colon) || colon === version.length - 1) return null;
    if (Number(version.slice(0, colon)) > MAX_EPOCH) return null;
  }
  const hyphen = version.lastIndexOf('-');
  if (hyphen === version.length - 1) return null;
  const parsed = splitDebianVersion(version);
  if (parsed.upstream.length === 0 || !isDigit(codeAt(parsed.upstream, 0))) return null;
  if (!allowed(parsed.upstream, UPSTREAM_PUNCTUATION) || !allowed(parsed.revision, REVISION_PUNCTUATION)) return null;
  return parsed;
}

/** dpkg's order: negative when a is older than b, 0 when equal, positive when newer. */
export function compareParsedDebian(a: DebianVersion, b: DebianVersion): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

/** Compares two Debian versions as `dpkg --compare-versions` does (-1, 0 or 1), also when dpkg would only warn. */
export function compareDebian(a: string, b: string): number {
  return compareParsedDebian(splitDebianVersion(a), splitDebianVersion(b));
}

const UPSTREAM_PUNCTUATION = '.+~-:';
const REVISION_PUNCTUATION = '.+~';

/** dpkg's weight of one character in the non-digit part: `~` first (even before the end), then the end, letters, then the rest. */
function order(code: number): number {
  if (code === 0 || isDigit(code)) return 0;
  if (isLetter(code)) return code;
  if (code === 126) return -1;
  return code + 256;
}

/** dpkg's verrevcmp: alternate non-digit runs (compared by `order`) and digit runs (compared as numbers). Each character is read once. */
function verrevcmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let x = codeAt(a, i);
    let y = codeAt(b, j);
    while (!((x === 0 || isDigit(x)) && (y === 0 || isDigit(y)))) {
      const difference = order(x) - order(y);
      if (difference !== 0) return sign(difference);
      x = codeAt(a, ++i);
      y = codeAt(b, ++j);
    }
    while (x === 48) x = codeAt(a, ++i);
    while (y === 48) y = codeAt(b, ++j);
    let firstDifference = 0;
    while (isDigit(x) && isDigit(y)) {
      if (firstDifference === 0) firstDifference = x - y;
      x = codeAt(a, ++i);
      y = codeAt(b, ++j);
    }
    if (isDigit(x)) return 1;
    if (isDigit(y)) return -1;
    if (firstDifference !== 0) return sign(firstDifference);
  }
  return 0;
}

function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(codeAt(text, i))) return false;
  return end > start;
}

function allowed(text: string, punctuation: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = codeAt(text, i);
    if (!isAlphanumeric(code) && !punctuation.includes(text[i]!)) return false;
  }
  return true;
}

function hasBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = codeAt(text, i);
    if (code === 32 || code === 9) return true;
  }
  return false;
}
