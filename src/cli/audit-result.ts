import type { AuditResult } from '../core/model/audit-result.js';
import type { Store } from '../store/store.js';

/** Reads one stored audit completely, for reports and --json. */
export async function readAuditResult(store: Store, ref: string): Promise<AuditResult> {
  const audit = await store.getAudit(ref);
  const [targets, observations, findings, rules] = await Promise.all([
    store.targets(audit.id),
    store.observations(audit.id),
    store.findings(audit.id),
    store.ruleSnapshots(audit.id),
  ]);
  return { audit, targets, observations, findings, rules };
}
