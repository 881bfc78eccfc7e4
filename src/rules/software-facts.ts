import type { HostCoverage } from '../core/model/coverage.js';
import type { Advisory, Knowledge } from '../core/model/knowledge.js';
import type { Observation, ObservationKind } from '../core/model/observation.js';
import type { ProductInfo } from '../core/model/product.js';
import { deriveSoftwareFacts } from '../derive/software/derive.js';
import type { KnowledgeIndex } from '../derive/software/knowledge-index.js';

/** What the judge needs to judge software versions: plain data, so it can travel to worker threads. */
export interface SoftwareJudgeData {
  knowledge: Knowledge;
  /** rasoat's own advisories (rules/software/advisories*.yaml). */
  builtin: Advisory[];
  products: ProductInfo[];
}

/**
 * A host's observations with its software facts judged against the knowledge, and the coverage
 * that says honestly what could be judged: without an imported vulnerability feed, "no vulnerable
 * software" cannot be claimed (a match in rasoat's own data is still reported).
 */
export function withSoftwareFacts(observations: readonly Observation[], coverage: HostCoverage, index: KnowledgeIndex, now: number): [readonly Observation[], HostCoverage] {
  if (!coverage.assessed.has('software.product') && !observations.some((o) => o.kind === 'software.product')) return [observations, coverage];
  const derived = deriveSoftwareFacts(observations, index, now);
  const facts = derived.length > 0 ? [...observations.filter((o) => o.kind !== 'software.vulnerable' && o.kind !== 'software.lifecycle'), ...derived] : observations;
  const assessed = new Set(coverage.assessed);
  const notGathered = new Map(coverage.notGathered ?? []);
  const withhold = (kind: ObservationKind, reason: string) => {
    assessed.delete(kind);
    notGathered.set(kind, reason);
  };
  if (coverage.assessed.has('software.product')) {
    assessed.add('software.vulnerable');
    assessed.add('software.lifecycle');
    if (!index.hasAdvisoryFeeds) withhold('software.vulnerable', 'no vulnerability feed imported (rasoat feeds import)');
    if (!index.hasLifecycleFeeds) withhold('software.lifecycle', 'no end-of-life data imported (rasoat feeds import)');
  }
  return [facts, { ...coverage, assessed, notGathered }];
}
