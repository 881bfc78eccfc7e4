import type { AuditResult } from '../core/model/audit-result.js';
import { isFailure, type Outcome } from '../core/model/finding.js';
import { isSuppressed } from '../core/model/triage.js';
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
  /** Read the triage log's suppressions in force at this time (ISO-8601). */
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
  if (plan.suppressionsAt) {
    const now = plan.suppressionsAt;
    const decisions = await store.triage.current(findings.filter(isFailure).map((f) => f.fingerprint));
    const suppressed = [...decisions.values()].filter((d) => isSuppressed(d, now));
    if (suppressed.length > 0) result.suppressed = Object.fromEntries(suppressed.map((d) => [d.fingerprint, d]));
  }
  return result;
}
