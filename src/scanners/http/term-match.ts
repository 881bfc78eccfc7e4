/**
 * Finds vocabulary terms in text, whole words only, case-insensitive. Spam is written both with
 * Vietnamese diacritics and without them ("nổ hũ", "no hu"), so a word written without diacritics
 * matches a term word that has them, and the reverse. Two words that both carry diacritics must agree
 * exactly: folding "để" to "de" would make the everyday "lo để" read as the lottery term "lô đề".
 */

const MAX_TOKENS = 500_000;
const SEPARATOR = '\u0000';
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

/** Distinct terms found in any of the texts (a term never spans two texts), in vocabulary order. */
export function findTerms(texts: readonly string[], vocabulary: readonly string[]): string[] {
  const haystack: string[] = [];
  for (const text of texts) {
    if (haystack.length >= MAX_TOKENS) break;
    for (const word of words(text)) {
      if (haystack.length >= MAX_TOKENS) break;
      haystack.push(word);
    }
    haystack.push(SEPARATOR);
  }
  const folded = haystack.map(foldDiacritics);
  const positions = new Map<string, number[]>();
  folded.forEach((word, index) => {
    const list = positions.get(word);
    if (list) list.push(index);
    else positions.set(word, [index]);
  });

  const found: string[] = [];
  for (const term of vocabulary) {
    const termWords = words(term);
    const first = termWords[0];
    if (first === undefined || found.includes(term)) continue;
    const termFolded = termWords.map(foldDiacritics);
    const starts = positions.get(termFolded[0] ?? '') ?? [];
    const hit = starts.some((start) =>
      termWords.every((word, i) => {
        const text = haystack[start + i];
        const textFolded = folded[start + i];
        return text !== undefined && textFolded !== undefined && sameWord(text, textFolded, word, termFolded[i] ?? '');
      }),
    );
    if (hit) found.push(term);
  }
  return found;
}

function sameWord(text: string, textFolded: string, term: string, termFolded: string): boolean {
  if (text === term) return true;
  return textFolded === termFolded && (text === textFolded || term === termFolded);
}
