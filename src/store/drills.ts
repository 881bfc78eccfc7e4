import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

/** Drill runs, and when each target group was last audited. */
export class DrillLog {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  async record(drill: string, auditId: number, at: string): Promise<void> {
    await this.guard(() => this.db.insertInto('drill_runs').values({ drill, audit_id: auditId, at }).execute());
  }

  /** The audits of a drill's runs, oldest first. */
  async runs(drill: string): Promise<number[]> {
    const rows = await this.guard(() => this.db.selectFrom('drill_runs').select('audit_id').where('drill', '=', drill).orderBy('id').execute());
    return rows.map((r) => r.audit_id);
  }

  /** When the latest complete audit covering any host of this agency (and unit, when given) started; null if never. */
  async lastAuditOfGroup(agency: string, unit: string | undefined): Promise<string | null> {
    let query = this.db
      .selectFrom('audits')
      .innerJoin('audit_targets', 'audit_targets.audit_id', 'audits.id')
      .select((eb) => eb.fn.max('audits.started_at').as('at'))
      .where('audits.status', '=', 'complete')
      .where('audits.profile', '!=', 'verify')
      .where('audit_targets.agency', '=', agency);
    if (unit !== undefined) query = query.where('audit_targets.unit', '=', unit);
    const row = await this.guard(() => query.executeTakeFirst());
    return row?.at ?? null;
  }
}
