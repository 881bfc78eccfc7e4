import { describe, expect, it } from 'vitest';
import { EMPTY_KNOWLEDGE, type LifecycleCycle } from '../../../src/core/model/knowledge.js';
import type { Observation } from '../../../src/core/model/observation.js';
import { deriveSoftwareFacts } from '../../../src/derive/software/derive.js';
import { indexKnowledge } from '../../../src/derive/software/knowledge-index.js';
import { cycleOf, lifecycleOf } from '../../../src/derive/software/lifecycle.js';
import { builtinRulesDir, loadRules } from '../../../src/rules/load.js';

const { products, advisories } = loadRules([builtinRulesDir()]).software;
const NOW = Date.parse('2026-11-25T00:00:00Z');
const cycle = (product: string, name: string, eol: string | boolean, latest: string | null, support: string | boolean | null = null): LifecycleCycle => ({
  product,
  cycle: name,
  releaseDate: null,
  eol,
  support,
  extendedSupport: null,
  latest,
  lts: false,
});
const cycles = [
  cycle('openssl', '1.1.1', '2023-09-11', '1.1.1w'),
  cycle('openssl', '1.1', true, null),
  cycle('openssl', '3.0', '2026-09-07', '3.0.17'),
  cycle('openssl', '3.5', '2030-04-08', '3.5.4'),
  cycle('php', '8.2', '2026-12-31', '8.2.29', '2024-12-31'),
  cycle('jquery', '1', true, '1.12.4'),
  cycle('jquery', '3', false, '3.7.1'),
];
const index = indexKnowledge({ ...EMPTY_KNOWLEDGE, lifecycles: cycles }, advisories, products);
const fact = (product: string, version: string, distro = false) => ({
  port: 443,
  site: 'https://a',
  product,
  version,
  distro: distro ? { name: 'debian', release: '12', packageVersion: `${version}-1+deb12u1` } : null,
  source: 'header' as const,
  location: 'header:Server',
  evidence: '',
  confidence: 'medium' as const,
});

describe('release cycles and end of life', () => {
  it('takes the longest cycle that is a whole-number prefix of the version', () => {
    expect(cycleOf(cycles, '1.1.1w')?.cycle).toBe('1.1.1');
    expect(cycleOf(cycles, '1.1.0l')?.cycle).toBe('1.1');
    expect(cycleOf(cycles, '3.0.2')?.cycle).toBe('3.0');
    expect(cycleOf(cycles, '1.1.10')?.cycle).toBe('1.1');
    const openssl = cycles.filter((c) => c.product === 'openssl');
    expect(cycleOf(openssl, '3.50.1')).toBeNull();
    expect(cycleOf(openssl, '2.0.0')).toBeNull();
  });

  it('says when a cycle ended, how many days are left, and whether a newer patch release exists', () => {
    expect(lifecycleOf(fact('openssl', '1.1.1k'), index, NOW)).toMatchObject({ cycle: '1.1.1', eol: '2023-09-11', eolPassed: true, behindLatest: true, latestInCycle: '1.1.1w' });
    expect(lifecycleOf(fact('openssl', '3.0.2'), index, NOW)).toMatchObject({ eolPassed: true, daysToEol: -79 });
    expect(lifecycleOf(fact('php', '8.2.29'), index, NOW)).toMatchObject({ eolPassed: false, daysToEol: 36, supportEnded: true, behindLatest: false });
    expect(lifecycleOf(fact('jquery', '1.8.3'), index, NOW)).toMatchObject({ cycle: '1', eol: null, eolPassed: true, daysToEol: null });
    expect(lifecycleOf(fact('jquery', '3.4.1'), index, NOW)).toMatchObject({ eolPassed: false, behindLatest: true });
    expect(lifecycleOf(fact('nginx', '1.22.1'), index, NOW)).toBeNull();
  });

  it('marks distribution builds, whose patch level the upstream version does not tell', () => {
    expect(lifecycleOf(fact('php', '8.2.7', true), index, NOW)).toMatchObject({ behindLatest: true, distroBuild: true });
  });

  it('makes one fact per product and version however many pages show it', () => {
    const seen = (port: number, location: string): Observation => ({ kind: 'software.product', host: 'h', port, scanner: 'software', at: '2026-11-25T00:00:00Z', data: { ...fact('jquery', '1.8.3'), port, location, source: 'content', confidence: 'high' } });
    const derived = deriveSoftwareFacts([seen(443, 'https://a/x.js'), seen(443, 'https://a/y.js'), seen(8443, 'https://b/x.js')], index, NOW);
    expect(derived.map((o) => o.kind)).toEqual(['software.lifecycle']);
    expect(derived[0]!.data).toMatchObject({ product: 'jquery', locations: ['https://a/x.js', 'https://a/y.js', 'https://b/x.js'] });
  });
});
