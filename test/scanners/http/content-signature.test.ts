import { describe, expect, it } from 'vitest';
import { contentSignature, signatureSimilarity } from '../../../src/scanners/http/content-signature.js';

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${(i * 7919) % 1000}`).join(' ');
const PORTAL = `Cổng thông tin điện tử Sở Tài chính. Thủ tục hành chính, văn bản pháp luật, tin tức sự kiện. ${words(600, 'tin')}`;

describe('page content signature', () => {
  it('is the same for the same text, and 512 hex digits', () => {
    expect(contentSignature(PORTAL)).toBe(contentSignature(PORTAL));
    expect(contentSignature(PORTAL)).toMatch(/^[0-9a-f]{512}$/);
    expect(signatureSimilarity(contentSignature(PORTAL), contentSignature(PORTAL))).toBe(1);
  });

  it('stays high when a few news items change, and falls near zero for another page', () => {
    // The news block changes: 60 words in a row of 600.
    const all = PORTAL.split(' ');
    const edited = [...all.slice(0, 300), ...words(60, 'mới').split(' '), ...all.slice(360)].join(' ');
    const defaced = `Hacked by someone. ${words(300, 'gamble')}`;
    const similarEdit = signatureSimilarity(contentSignature(PORTAL), contentSignature(edited))!;
    const similarDeface = signatureSimilarity(contentSignature(PORTAL), contentSignature(defaced))!;
    expect(similarEdit).toBeGreaterThan(0.5);
    expect(similarEdit).toBeLessThan(1);
    expect(similarDeface).toBeLessThan(0.1);
  });

  it('has no signature for a page without words, and compares nothing malformed', () => {
    expect(contentSignature('   ·  — ')).toBe('');
    expect(signatureSimilarity('', contentSignature(PORTAL))).toBeNull();
    expect(signatureSimilarity('abc', 'abc')).toBeNull();
  });

  it('reads a bounded number of shingles from a huge page', () => {
    const huge = words(200_000, 'w');
    expect(contentSignature(huge)).toMatch(/^[0-9a-f]{512}$/);
  });
});
