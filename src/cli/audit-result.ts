import type { AuditResult } from '../core/model/audit-result.js';
import { isFailure, type Outcome } from '../core/model/finding.js';
import type { TriageDecision } from '../core/model/triage.js';
import type { Store } from '../store/store.js';

/**
 * What a command needs of a stored audit. A large audit holds several passes per failure and an
 * observation per fact; reading only what is shown keeps a 1,000-host report fast and small.
 */
export interface ReadPlan {
  /** 'failures': other verdicts without evidence and texts (the default); 'all': every verdict in full. */
  detail?: 'failures' | 'all';
  /** Only verdicts with these outcomes (all by default). */
  outcomes?: Outcome[];
  /** Observations of these kinds; 'all' for every one, 'none' for none (default 'all'). */
  observations?: 'all' | 'none' | string[];
  /** Also the latest observation time per host and port (compliance evidence is dated with it). */
  lastSeen?: boolean;
  /** Read the triage log's decisions about the failures, to be judged at this time (ISO-8601). */
  suppressionsAt?: string;
}

/** Reads one stored audit as the plan says. */
export async function readAuditResult(store: Store, ref: string, plan: ReadPlan = {}): Promise<AuditResult> {
  const audit = await store.getAudit(ref);
  const kinds = plan.observations ?? 'all';
  const [targets, observations, findings, rules] = await Promise.all([
    store.targets(audit.id),
    kinds === 'none' || kinds.length === 0 ? Promise.resolve([]) : store.observations(audit.id, kinds === 'all' ? {} : { kinds }),
    store.verdicts(audit.id, { detail: plan.detail ?? 'failures', ...(plan.outcomes ? { outcomes: plan.outcomes } : {}) }),
    store.ruleSnapshots(audit.id),
  ]);
  const result: AuditResult = { audit, targets, observations, findings, rules };
  if (plan.lastSeen) result.lastSeen = await store.lastSeen(audit.id);
  if (plan.suppressionsAt) result.triage = { at: plan.suppressionsAt, decisions: await decisionsAbout(store, findings.filter(isFailure).map((f) => f.fingerprint)) };
  return result;
}

/** The current decision of each fingerprint that has one other than 'open' (a withdrawn decision is none). */
export async function decisionsAbout(store: Store, fingerprints: readonly string[]): Promise<Record<string, TriageDecision>> {
  const current = await store.triage.current([...new Set(fingerprints)]);
  return Object.fromEntries([...current].filter(([, d]) => d.status !== 'open'));
}
