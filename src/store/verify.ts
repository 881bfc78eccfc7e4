import type { Kysely } from 'kysely';
import { NotFoundError } from '../core/errors.js';
import type { Finding } from '../core/model/finding.js';
import type { VerifyResult } from '../core/workflow/verify-plan.js';
import { ControlsCache, findingFromRow } from './rows.js';
import type { DatabaseSchema } from './schema.js';

export interface Verification {
  auditId: number;
  originalAuditId: number;
  fingerprint: string;
  ruleId: string;
  host: string;
  port: number | null;
  result: VerifyResult;
}

/** Verify-after-patch: finding failures by fingerprint, and the record of each re-check. */
export class VerifyLog {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  /** The failure with this fingerprint (or unique fingerprint prefix) in the latest audit where it failed. */
  async latestFailure(print: string): Promise<{ auditId: number; finding: Finding }> {
    const rows = await this.guard(() =>
      this.db.selectFrom('findings').selectAll().where('fingerprint', 'like', `${print}%`).where('outcome', '=', 'fail').orderBy('audit_id', 'desc').execute(),
    );
    if (rows.length === 0) throw new NotFoundError('verify.noFailure', { fingerprint: print });
    if (new Set(rows.map((r) => r.fingerprint)).size > 1) throw new NotFoundError('verify.ambiguous', { fingerprint: print });
    return { auditId: rows[0]!.audit_id, finding: findingFromRow(rows[0]!, new ControlsCache()) };
  }

  async record(rows: readonly Verification[]): Promise<void> {
    if (rows.length === 0) return;
    await this.guard(() =>
      this.db
        .insertInto('verifications')
        .values(rows.map((r) => ({ audit_id: r.auditId, original_audit_id: r.originalAuditId, fingerprint: r.fingerprint, rule_id: r.ruleId, host: r.host, port: r.port, result: r.result })))
        .execute(),
    );
  }

  /** The re-checks an audit made (it is a verify audit), or that were made of its failures (`as: 'original'`). */
  async of(auditId: number, as: 'verify' | 'original' = 'verify'): Promise<Verification[]> {
    const column = as === 'verify' ? 'audit_id' : 'original_audit_id';
    const rows = await this.guard(() => this.db.selectFrom('verifications').selectAll().where(column, '=', auditId).orderBy('id').execute());
    return rows.map((r) => ({ auditId: r.audit_id, originalAuditId: r.original_audit_id, fingerprint: r.fingerprint, ruleId: r.rule_id, host: r.host, port: r.port, result: r.result as VerifyResult }));
  }
}
