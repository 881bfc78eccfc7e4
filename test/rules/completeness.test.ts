import { describe, expect, it } from 'vitest';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { FRAMEWORKS } from '../../src/rules/schema.js';
import { SCANNERS } from '../../src/scanners/index.js';

describe('the built-in rule book', () => {
  const book = loadRules([builtinRulesDir()]);

  it('loads without problems and has rules', () => {
    expect(book.problems).toEqual([]);
    expect(book.rules.length).toBeGreaterThan(20);
  });

  it('reads only kinds that some scanner produces', () => {
    const produced = new Set<string>(['scan.error', ...SCANNERS.flatMap((s) => s.observes)]);
    const orphans = book.rules.flatMap((r) => r.reads.filter((k) => !produced.has(k)).map((k) => `${r.id}: ${k}`));
    expect(orphans).toEqual([]);
  });

  it('has a catalogue for every framework it cites, so every control id is checked', () => {
    const cited = new Set(book.rules.flatMap((r) => Object.keys(r.controls)));
    const catalogued = new Set(book.catalogues.map((c) => c.framework));
    expect([...cited].filter((f) => !catalogued.has(f as (typeof FRAMEWORKS)[number]))).toEqual([]);
  });

  it('maps every rule to the Vietnamese catalogue and at least two international ones', () => {
    const weak = book.rules.filter((r) => !r.controls['tcvn14423:2026'] || Object.keys(r.controls).length < 3).map((r) => r.id);
    expect(weak).toEqual([]);
  });

  it('gives fingerprint keys to every rule that can fail more than once per host', () => {
    const keyless = book.rules.filter((r) => r.reads.includes('port.open') && r.key.length === 0).map((r) => r.id);
    expect(keyless).toEqual([]);
  });
});
