import type { LifecycleCycle } from '../../core/model/knowledge.js';
import type { ObservationData } from '../../core/model/observation.js';
import { compareVersions } from '../versions/index.js';
import type { KnowledgeIndex } from './knowledge-index.js';

type Product = ObservationData['software.product'];
export type LifecycleVerdict = Omit<ObservationData['software.lifecycle'], 'port' | 'site' | 'product' | 'version' | 'locations'>;

const DAY_MS = 86_400_000;

/**
 * The release cycle a version belongs to: the longest cycle name that is the version's prefix and
 * ends where a number ends ("1.1.1" holds 1.1.1w but not 1.1.10).
 */
export function cycleOf(cycles: readonly LifecycleCycle[], version: string): LifecycleCycle | null {
  let best: LifecycleCycle | null = null;
  for (const cycle of cycles) {
    if (!version.startsWith(cycle.cycle)) continue;
    const next = version.charAt(cycle.cycle.length);
    if (next !== '' && /\d/.test(next)) continue;
    if (!best || cycle.cycle.length > best.cycle.length) best = cycle;
  }
  return best;
}

function passed(value: string | boolean | null, now: number): boolean {
  if (typeof value === 'boolean') return value;
  return value !== null && Date.parse(value) <= now;
}

/** Where a product's version stands in its lifecycle (endoflife.date data), or null when the data has no cycle for it. */
export function lifecycleOf(fact: Product, index: KnowledgeIndex, now: number): LifecycleVerdict | null {
  if (!fact.version) return null;
  const info = index.product(fact.product);
  const cycles = index.cycles(info?.lifecycle ?? fact.product);
  const cycle = cycleOf(cycles, fact.version);
  if (!cycle) return null;
  const eolDate = typeof cycle.eol === 'string' ? cycle.eol : null;
  const behind = cycle.latest !== null && (compareVersions(info?.scheme ?? 'generic', fact.version, cycle.latest) ?? 0) < 0;
  return {
    cycle: cycle.cycle,
    eol: eolDate,
    eolPassed: passed(cycle.eol, now),
    daysToEol: eolDate ? Math.floor((Date.parse(eolDate) - now) / DAY_MS) : null,
    supportEnded: passed(cycle.support, now),
    latestInCycle: cycle.latest,
    behindLatest: behind,
    distroBuild: fact.distro !== null,
  };
}
