import type { Observation } from '../../core/model/observation.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { lifecycleOf } from './lifecycle.js';
import { vulnerabilityOf } from './vulnerable.js';

const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;
const MAX_LOCATIONS = 20;

/**
 * Judging-time facts from a host's `software.product` observations and the version knowledge: one
 * `software.vulnerable` and one `software.lifecycle` per product, version and build, however many
 * pages or ports showed it (one old jQuery on forty pages is one fact listing where it was seen).
 */
export function deriveSoftwareFacts(observations: readonly Observation[], index: KnowledgeIndex, now: number): Observation[] {
  const groups = new Map<string, Array<Observation<'software.product'>>>();
  for (const observation of observations) {
    if (observation.kind !== 'software.product' || !observation.data.version) continue;
    const { product, version, distro } = observation.data;
    const key = `${product}\0${version}\0${distro?.name ?? ''}\0${distro?.packageVersion ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(observation);
  }
  const derived: Observation[] = [];
  for (const group of groups.values()) {
    const best = group.reduce((a, b) => (CONFIDENCE_RANK[b.data.confidence] > CONFIDENCE_RANK[a.data.confidence] ? b : a));
    const { port, site, product } = best.data;
    const version = best.data.version!;
    const locations = [...new Set(group.map((o) => o.data.location))].sort().slice(0, MAX_LOCATIONS);
    const base = { host: best.host, port, scanner: best.scanner, at: best.at };
    const vulnerable = vulnerabilityOf(best.data, index);
    if (vulnerable) derived.push({ ...base, kind: 'software.vulnerable', data: { port, site, product, version, ...vulnerable, locations } });
    const lifecycle = lifecycleOf(best.data, index, now);
    if (lifecycle) derived.push({ ...base, kind: 'software.lifecycle', data: { port, site, product, version, ...lifecycle, locations } });
  }
  return derived;
}
