import type { Kysely, Selectable, Transaction } from 'kysely';
import type { TriageDecision, TriageStatus } from '../core/model/triage.js';
import type { DatabaseSchema, TriageTable } from './schema.js';

/** Fingerprints per query: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** The triage log: decisions are appended; the newest per fingerprint is its current status. */
export class TriageLog {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
    /** Also written in the decision's transaction: the audit trail's record of it. */
    private readonly onRecord: (decision: TriageDecision, trx: Transaction<DatabaseSchema>) => Promise<void> = async () => {},
  ) {}

  async record(decision: TriageDecision): Promise<void> {
    await this.guard(() =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('triage')
          .values({ fingerprint: decision.fingerprint, status: decision.status, reason: decision.reason, actor: decision.actor, at: decision.at, audit_id: decision.auditId, until: decision.until ?? null })
          .execute();
        await this.onRecord(decision, trx);
      }),
    );
  }

  /** The current decision of each fingerprint given that has one ('open' ones included). */
  async current(fingerprints: readonly string[]): Promise<Map<string, TriageDecision>> {
    const result = new Map<string, TriageDecision>();
    for (let i = 0; i < fingerprints.length; i += CHUNK) {
      const chunk = fingerprints.slice(i, i + CHUNK);
      const rows = await this.guard(() => this.db.selectFrom('triage').selectAll().where('fingerprint', 'in', chunk).orderBy('id').execute());
      for (const r of rows) {
        result.set(r.fingerprint, toDecision(r));
      }
    }
    return result;
  }

  /** Every decision about one fingerprint, oldest first. */
  async history(fingerprint: string): Promise<TriageDecision[]> {
    const rows = await this.guard(() => this.db.selectFrom('triage').selectAll().where('fingerprint', '=', fingerprint).orderBy('id').execute());
    return rows.map(toDecision);
  }
}

function toDecision(r: Selectable<TriageTable>): TriageDecision {
  const decision: TriageDecision = { fingerprint: r.fingerprint, status: r.status as TriageStatus, reason: r.reason, actor: r.actor, at: r.at, auditId: r.audit_id };
  if (r.until !== null) decision.until = r.until;
  return decision;
}
