import { parseDocument } from 'yaml';

const LANGUAGE = /^[a-z]{2,3}$/;

/**
 * Reads a spam vocabulary file (`terms: { vi: [...], en: [...] }`, one list per language code) into
 * one list of distinct terms, first occurrence first. A wrong shape throws an Error saying where.
 */
export function parseSpamVocabulary(yamlText: string): string[] {
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new Error(`spam vocabulary: not valid YAML (${error.message.split('\n')[0] ?? error.code})`);
  const root: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isRecord(root)) throw new Error('spam vocabulary: expected a mapping with a "terms" key at the top');
  const extra = Object.keys(root).filter((key) => key !== 'terms');
  if (extra.length > 0) throw new Error(`spam vocabulary: unknown top-level key "${extra[0]}" (only "terms" is allowed)`);
  const terms = root.terms;
  if (!isRecord(terms) || Object.keys(terms).length === 0) {
    throw new Error('spam vocabulary: "terms" must map language codes to lists of terms, e.g. terms: { vi: [...], en: [...] }');
  }

  const all = new Set<string>();
  for (const [language, list] of Object.entries(terms)) {
    if (!LANGUAGE.test(language)) throw new Error(`spam vocabulary: "terms.${language}" is not a language code (two or three lower-case letters)`);
    if (!Array.isArray(list)) throw new Error(`spam vocabulary: "terms.${language}" must be a list of strings`);
    list.forEach((item: unknown, index) => {
      if (typeof item !== 'string' || item.trim() === '') {
        throw new Error(`spam vocabulary: "terms.${language}[${index}]" must be a non-empty string, got ${describe(item)}`);
      }
      all.add(item.trim().normalize('NFC'));
    });
  }
  if (all.size === 0) throw new Error('spam vocabulary: no terms in any language');
  return [...all];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'an empty string';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
