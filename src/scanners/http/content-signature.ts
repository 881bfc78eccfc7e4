/**
 * A MinHash signature of a page's normalised text: 64 minimum hashes over its 4-word shingles.
 * The share of equal positions in two signatures estimates the Jaccard similarity of the two
 * pages' shingle sets, so an edited paragraph keeps a page near 1 and a defaced page falls near 0.
 * Unlike a digest it survives small edits; unlike the text it is small (512 hex characters).
 */

const HASHES = 64;
const SHINGLE_WORDS = 4;
/** Shingles read per page: a 1 MiB page of text costs the same as its first part. */
const MAX_SHINGLES = 20_000;

// Fixed odd multipliers and offsets (a splitmix-style sequence), so signatures compare across runs and versions.
const MULTIPLIERS = new Uint32Array(HASHES);
const OFFSETS = new Uint32Array(HASHES);
{
  let state = 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
  for (let i = 0; i < HASHES; i++) {
    MULTIPLIERS[i] = next() | 1;
    OFFSETS[i] = next();
  }
}

/** The signature of a text, as 64 × 8 hex digits; '' for a text with no words. */
export function contentSignature(text: string): string {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.length === 0) return '';
  const minima = new Uint32Array(HASHES).fill(0xffffffff);
  const shingles = Math.min(Math.max(words.length - SHINGLE_WORDS + 1, 1), MAX_SHINGLES);
  for (let s = 0; s < shingles; s++) {
    const base = fnv1a(words.slice(s, s + SHINGLE_WORDS).join(' '));
    for (let i = 0; i < HASHES; i++) {
      const h = mix((Math.imul(base, MULTIPLIERS[i]!) + OFFSETS[i]!) >>> 0);
      if (h < minima[i]!) minima[i] = h;
    }
  }
  let hex = '';
  for (const value of minima) hex += value.toString(16).padStart(8, '0');
  return hex;
}

/** Estimated Jaccard similarity (0 to 1) of two signatures; null when either is empty or malformed. */
export function signatureSimilarity(a: string, b: string): number | null {
  if (a.length !== HASHES * 8 || b.length !== HASHES * 8) return null;
  let equal = 0;
  for (let i = 0; i < a.length; i += 8) if (a.slice(i, i + 8) === b.slice(i, i + 8)) equal++;
  return equal / HASHES;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: spreads the linear hash over all 32 bits before the minimum is taken. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
