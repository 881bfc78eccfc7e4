import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDebian } from '../../../src/derive/versions/debian.js';
import { compareRpm } from '../../../src/derive/versions/rpm.js';

/** Pairs recorded from the real tools (fixtures/versions/*.tsv): "a<TAB>b<TAB>answer", # comments. */
function recorded(name: string): Array<{ a: string; b: string; answer: number }> {
  const text = readFileSync(new URL(`../../../fixtures/versions/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [a, b, answer] = line.split('\t');
      return { a: a!, b: b!, answer: Number(answer) };
    });
}

function disagreements(name: string, compare: (a: string, b: string) => number): string[] {
  return recorded(name)
    .filter(({ a, b, answer }) => compare(a, b) !== answer)
    .map(({ a, b, answer }) => `${a} vs ${b}: tool ${answer}, ours ${compare(a, b)}`);
}

describe('agreement with the real tools on random versions', () => {
  it('compareDebian answers as dpkg --compare-versions on 1,495 recorded pairs', () => {
    expect(recorded('dpkg-1.21.22.tsv')).toHaveLength(1495);
    expect(disagreements('dpkg-1.21.22.tsv', compareDebian)).toEqual([]);
  });

  it("compareRpm answers as rpm's rpm.vercmp on 3,000 recorded pairs (with ~, ^ and epochs)", () => {
    expect(recorded('rpm-4.18.0.tsv')).toHaveLength(3000);
    expect(disagreements('rpm-4.18.0.tsv', compareRpm)).toEqual([]);
  });
});
