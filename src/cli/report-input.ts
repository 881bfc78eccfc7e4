import type { AuditRecord } from '../core/model/audit.js';
import type { AuditResult } from '../core/model/audit-result.js';
import { compareAudits, scopeKey } from '../reports/change.js';
import type { Comparison } from '../reports/options.js';
import type { TrendInput } from '../reports/trend.js';
import type { Store } from '../store/store.js';

/** How far back the history is searched for earlier audits (trend, reopened findings). */
const HISTORY = 500;
/** Audits older than the compared one searched for a finding's earlier failures. */
const REOPEN_WINDOW = 20;

/**
 * Earlier complete audits of the same scope (verify audits left out: they re-check a few failures
 * and would look like a sudden improvement), oldest first, at most `count`: their hosts and the
 * pass and fail verdicts a score and grade need.
 */
export async function historyOf(store: Store, audit: AuditRecord, count: number): Promise<TrendInput[]> {
  if (count === 0) return [];
  const key = scopeKey(audit);
  const earlier = (await store.listAudits(HISTORY)).filter((a) => a.id < audit.id && a.status === 'complete' && a.profile !== 'verify' && scopeKey(a) === key).slice(0, count);
  const history: TrendInput[] = [];
  for (const a of earlier.reverse()) {
    const [targets, findings] = await Promise.all([store.targets(a.id), store.verdicts(a.id, { outcomes: ['fail', 'pass'], detail: 'failures' })]);
    history.push({ id: a.id, startedAt: a.startedAt, targets, findings });
  }
  return history;
}

/**
 * The change since the audit `ref`: `rasoat diff ref <this audit>` exactly, plus reopened failures
 * (failing in one of the REOPEN_WINDOW audits before `ref`).
 */
export async function comparisonOf(store: Store, result: AuditResult, ref: string): Promise<Comparison> {
  const before = await store.getAudit(ref);
  // What was probed matters only for the later audit (was the failing port checked again?).
  const findings = await store.verdicts(before.id, { detail: 'failures' });
  const older = (await store.listAudits(HISTORY)).filter((a) => a.id < before.id).slice(0, REOPEN_WINDOW);
  const olderFailing = await store.failingFingerprints(older.map((a) => a.id));
  return compareAudits(before, { findings, observations: [] }, { findings: result.findings, observations: result.observations }, olderFailing);
}
