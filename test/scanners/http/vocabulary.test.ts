import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysePage } from '../../../src/scanners/http/page.js';
import { parseSpamVocabulary } from '../../../src/scanners/http/vocabulary.js';

const SHIPPED = readFileSync(new URL('../../../rules/data/spam-terms.yaml', import.meta.url), 'utf8');

describe('rules/data/spam-terms.yaml', () => {
  const terms = parseSpamVocabulary(SHIPPED);

  it('holds 40 to 60 distinct terms, Vietnamese and international', () => {
    expect(terms.length).toBeGreaterThanOrEqual(40);
    expect(terms.length).toBeLessThanOrEqual(60);
    expect(new Set(terms).size).toBe(terms.length);
    for (const term of ['nhà cái', 'nổ hũ', 'tài xỉu', 'cá cược', 'bắn cá', 'đá gà', 'xóc đĩa', 'lô đề', 'casino', 'slot gacor', 'judi', 'bet88']) {
      expect(terms, term).toContain(term);
    }
  });

  it('leaves out the legal state lottery', () => {
    expect(terms).not.toContain('xổ số');
  });

  it('finds the injected block of a hacked portal', () => {
    const html = `<title>Sở Giáo dục và Đào tạo</title><p>Tin tức</p>
      <div style="position:absolute;left:-9999px"><a href="https://nhacai.example/">Nha cai uy tin</a> <a href="https://nohu.example/">no hu doi thuong</a>
      <a href="https://slot.example/">situs SLOT GACOR</a></div>`;
    expect(analysePage(html, 'https://sgddt.example.gov.vn/', terms).spamTerms).toEqual(['nhà cái', 'nổ hũ', 'slot gacor', 'situs slot']);
  });
});

describe('parseSpamVocabulary', () => {
  it('flattens every language, trims, normalises to NFC and drops repeats', () => {
    const yaml = `terms:\n  vi: ["  nổ hũ ", "${'nổ hũ'.normalize('NFD')}", "lô đề"]\n  en: [casino, "lô đề"]\n`;
    expect(parseSpamVocabulary(yaml)).toEqual(['nổ hũ', 'lô đề', 'casino']);
  });

  it.each([
    ['terms: [oops', /not valid YAML/],
    ['- a\n- b', /expected a mapping with a "terms" key/],
    ['', /expected a mapping/],
    ['words: { vi: [a] }', /unknown top-level key "words"/],
    ['terms: { vi: [a] }\nversion: 2', /unknown top-level key "version"/],
    ['terms: [a, b]', /"terms" must map language codes/],
    ['terms: {}', /"terms" must map language codes/],
    ['terms: { Vietnamese: [a] }', /"terms.Vietnamese" is not a language code/],
    ['terms: { vi: nổ hũ }', /"terms.vi" must be a list of strings/],
    ['terms: { vi: [a, 3] }', /"terms.vi\[1\]" must be a non-empty string, got a number/],
    ['terms: { vi: [a, ""] }', /"terms.vi\[1\]" must be a non-empty string, got an empty string/],
    ['terms: { vi: [a, null] }', /got null/],
    ['terms: { vi: [[a]] }', /got a list/],
    ['terms: { vi: [] }', /no terms in any language/],
    ['terms: { vi: [a] }\nterms: { en: [b] }', /not valid YAML/],
  ])('rejects %j', (yaml, message) => {
    expect(() => parseSpamVocabulary(yaml)).toThrow(message);
  });

  it('refuses an alias bomb rather than expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), 'terms: { vi: *i }'].join('\n');
    expect(() => parseSpamVocabulary(bomb)).toThrow();
  });
});
