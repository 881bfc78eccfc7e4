/**
 * Numeric dotted versions: Windows builds (10.0.17763.1234), IIS (10.0), ASP.NET (4.0.30319).
 * Parts compare as numbers and a missing part is 0, so "10.0" equals "10.0.0.0".
 */
import { isDigit } from './chars.js';

/** The numeric parts, most significant first. */
export type DottedVersion = readonly number[];

/** Past 15 digits a part would lose precision as a number; no real build number comes close. */
const MAX_PART_DIGITS = 15;

/** The parts of a version made only of dot-separated numbers, or null for anything else ("10.0.x", "1..2", "", "v1"). */
export function parseDotted(text: string): DottedVersion | null {
  const version = text.trim();
  const parts: number[] = [];
  let start = 0;
  for (let i = 0; i <= version.length; i++) {
    if (i < version.length && version.charCodeAt(i) !== 46) {
      if (!isDigit(version.charCodeAt(i))) return null;
      continue;
    }
    if (i === start || i - start > MAX_PART_DIGITS) return null;
    parts.push(Number(version.slice(start, i)));
    start = i + 1;
  }
  return parts;
}

export function compareParsedDotted(a: DottedVersion, b: DottedVersion): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Compares two dotted versions (-1, 0 or 1). A string that is not purely dotted numbers is read
 * leniently, each part by its leading digits ("17763a" as 17763, "x" as 0), so this never fails;
 * `parseDotted` tells whether a string really is one.
 */
export function compareDotted(a: string, b: string): number {
  return compareParsedDotted(parseDotted(a) ?? leniently(a), parseDotted(b) ?? leniently(b));
}

function leniently(text: string): DottedVersion {
  return text
    .trim()
    .split('.')
    .map((part) => {
      let end = 0;
      while (end < part.length && end < MAX_PART_DIGITS && isDigit(part.charCodeAt(end))) end++;
      return end === 0 ? 0 : Number(part.slice(0, end));
    });
}
