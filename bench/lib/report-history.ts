import { Store } from '../../src/store/store.js';

/**
 * The benchmark's history as the bench needs to know it: which audit is which and what it holds.
 * Reading it needs only the store; building it (./report-audit.ts) needs the scanners and rules.
 */

export interface AuditSpec {
  seed: number;
  hosts: number;
  failures: number;
  /** Earlier audits of the same scope (for --compare and the trend chart). */
  earlier: number;
}

export interface BuiltAudit {
  id: number;
  startedAt: string;
  hosts: number;
  observations: number;
  findings: number;
  failures: number;
  bySeverity: Record<string, number>;
  byOutcome: Record<string, number>;
}

export interface BuiltHistory {
  /** The audit just before `current`: the one `--compare` compares with. */
  earlier: BuiltAudit;
  /** Every earlier audit, oldest first (`earlier` last). */
  older: BuiltAudit[];
  current: BuiltAudit;
  rulesVersion: string;
  rules: number;
  /** Failing findings asked for; `current.failures` is what calibration reached. */
  requestedFailures: number;
  buildMs: number;
}

/**
 * The two audits of an existing bench database, or null when it does not hold exactly the ones this
 * spec would build (another seed or size, or not a bench database at all).
 */
export async function loadHistory(dbPath: string, spec: AuditSpec): Promise<BuiltHistory | null> {
  const store = await Store.open(dbPath, { readonly: true });
  try {
    const audits = (await store.listAudits(spec.earlier + 2)).reverse();
    const salts = [...Array.from({ length: spec.earlier }, (_, k) => `earlier-${spec.earlier - k}`), 'current'];
    if (audits.length !== salts.length || audits.some((a, i) => JSON.stringify(a.options.bench) !== JSON.stringify({ ...spec, audit: salts[i] }))) return null;
    const built = audits.map((a): BuiltAudit => {
      const stats = a.stats!;
      const failures = Object.values(stats.failures).reduce((n, v) => n + v, 0);
      return { id: a.id, startedAt: a.startedAt, hosts: stats.hosts, observations: stats.observations, findings: Object.values(stats.outcomes).reduce((n, v) => n + v, 0), failures, bySeverity: stats.failures, byOutcome: stats.outcomes };
    });
    const current = built.pop()!;
    const rules = await store.ruleSnapshots(current.id);
    return { earlier: built.at(-1)!, older: built, current, rulesVersion: audits.at(-1)!.rulesVersion, rules: rules.length, requestedFailures: spec.failures, buildMs: 0 };
  } finally {
    await store.close();
  }
}

