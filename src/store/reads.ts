import type { Kysely } from 'kysely';
import { NotFoundError, type StoreError } from '../core/errors.js';
import type { LastSeen } from '../core/model/audit-result.js';
import type { TaskRecord, TaskStatus } from '../core/model/coverage.js';
import { OUTCOMES, type BareVerdict, type Finding, type Outcome, type Verdict } from '../core/model/finding.js';
import type { Observation } from '../core/model/observation.js';
import type { Severity } from '../core/model/severity.js';
import { bareVerdictFromRow, ControlsCache, findingFromRow, targetFromRow } from './rows.js';
import type { DatabaseSchema } from './schema.js';
import type { FindingFilter, ObservationFilter, RuleSnapshot, StoredTarget, VerdictQuery } from './store.js';

/**
 * What is read of one stored audit (its hosts, verdicts, observations, rules and tasks), each read
 * no larger than its caller needs. The Store adds opening, audits and writing.
 */
export abstract class StoreReads {
  protected constructor(
    protected readonly db: Kysely<DatabaseSchema>,
    /** Where the history is, as it may be shown: a file path, or a URL without its password. */
    readonly path: string,
    private readonly translate: (error: unknown) => StoreError,
  ) {}

  async findings(auditId: number, filter: FindingFilter = {}): Promise<Finding[]> {
    return (await this.detailedFindings(auditId, filter.outcomes)).map(([, finding]) => finding);
  }

  /**
   * Every verdict of the audit (or those with the given outcomes) in stored order, failures in
   * full and, with detail 'failures', the others bare: what a report that lists only failures needs.
   */
  async verdicts(auditId: number, query: VerdictQuery): Promise<Verdict[]> {
    if (query.detail === 'all') return this.findings(auditId, query);
    const wanted = query.outcomes ?? [...OUTCOMES];
    const bareOutcomes = wanted.filter((o): o is BareVerdict['outcome'] => o !== 'fail');
    // A verdict's severity and category are its rule's (the engine sets no other): taken from the
    // audit's rule snapshot, two columns fewer per row cut the read of 63,000 verdicts by a third.
    const [failures, bare, rules] = await Promise.all([
      wanted.includes('fail') ? this.detailedFindings(auditId, ['fail']) : Promise.resolve([]),
      bareOutcomes.length === 0
        ? Promise.resolve([])
        : this.guard(() =>
            this.db
              .selectFrom('findings')
              .select(['id', 'rule_id', 'outcome', 'host', 'port', 'reason'])
              .where('audit_id', '=', auditId)
              .where('outcome', 'in', bareOutcomes)
              .orderBy('id')
              .execute(),
          ),
      this.guard(() => this.db.selectFrom('audit_rules').select(['rule_id', 'severity', 'category']).where('audit_id', '=', auditId).execute()),
    ]);
    const ruleOf = new Map(rules.map((r) => [r.rule_id, r]));
    const merged: Verdict[] = [];
    let i = 0;
    for (const row of bare) {
      while (i < failures.length && failures[i]![0] < row.id) merged.push(failures[i++]![1]);
      const rule = ruleOf.get(row.rule_id);
      merged.push(bareVerdictFromRow({ ...row, severity: rule?.severity ?? 'info', category: rule?.category ?? 'unknown' }));
    }
    while (i < failures.length) merged.push(failures[i++]![1]);
    return merged;
  }

  /** Fingerprints failing in any of these audits (reopened findings). */
  async failingFingerprints(auditIds: number[]): Promise<Set<string>> {
    if (auditIds.length === 0) return new Set();
    const rows = await this.guard(() =>
      this.db.selectFrom('findings').select('fingerprint').where('audit_id', 'in', auditIds).where('outcome', '=', 'fail').execute(),
    );
    return new Set(rows.map((r) => r.fingerprint));
  }

  async observations(auditId: number, filter: ObservationFilter = {}): Promise<Observation[]> {
    let query = this.db.selectFrom('observations').selectAll().where('audit_id', '=', auditId);
    if (filter.kinds) query = query.where('kind', 'in', filter.kinds);
    const rows = await this.guard(() => query.orderBy('id').execute());
    return rows.map((r) => {
      const observation = { kind: r.kind, host: r.host, scanner: r.scanner, at: r.at, data: JSON.parse(r.data_json) } as Observation;
      if (r.port !== null) observation.port = r.port;
      return observation;
    });
  }

  /**
   * The latest earlier observation of each page's text (`http.content`), by page URL, from the
   * `window` most recent audits before `beforeAudit` that did not die running.
   */
  async latestPages(beforeAudit: number, window = 20): Promise<Record<string, { audit: number; at: string; data: Record<string, unknown> }>> {
    const audits = await this.guard(() =>
      this.db.selectFrom('audits').select('id').where('id', '<', beforeAudit).where('status', '!=', 'running').orderBy('id', 'desc').limit(window).execute(),
    );
    if (audits.length === 0) return {};
    const rows = await this.guard(() =>
      this.db
        .selectFrom('observations')
        .select(['audit_id', 'at', 'data_json'])
        .where('audit_id', 'in', audits.map((a) => a.id))
        .where('kind', '=', 'http.content')
        .orderBy('audit_id', 'desc')
        .orderBy('id', 'desc')
        .execute(),
    );
    const pages: Record<string, { audit: number; at: string; data: Record<string, unknown> }> = {};
    for (const row of rows) {
      const data = JSON.parse(row.data_json) as Record<string, unknown>;
      if (typeof data.url === 'string' && !(data.url in pages)) pages[data.url] = { audit: row.audit_id, at: row.at, data };
    }
    return pages;
  }

  /** The latest observation time per host and port (port absent for host-level facts). */
  async lastSeen(auditId: number): Promise<LastSeen[]> {
    const rows = await this.guard(() =>
      this.db
        .selectFrom('observations')
        .select(['host', 'port', (eb) => eb.fn.max('at').as('at')])
        .where('audit_id', '=', auditId)
        .groupBy(['host', 'port'])
        .orderBy('host')
        // SQLite puts NULLs first by default, PostgreSQL last: said once for both.
        .orderBy('port', (ob) => ob.asc().nullsFirst())
        .execute(),
    );
    return rows.map((r) => (r.port === null ? { host: r.host, at: r.at } : { host: r.host, port: r.port, at: r.at }));
  }

  private async detailedFindings(auditId: number, outcomes: Outcome[] | undefined): Promise<Array<[number, Finding]>> {
    let query = this.db.selectFrom('findings').selectAll().where('audit_id', '=', auditId);
    if (outcomes) query = query.where('outcome', 'in', outcomes);
    const rows = await this.guard(() => query.orderBy('id').execute());
    const controls = new ControlsCache();
    return rows.map((r) => [r.id, findingFromRow(r, controls)]);
  }

  async targets(auditId: number): Promise<StoredTarget[]> {
    const rows = await this.guard(() => this.db.selectFrom('audit_targets').selectAll().where('audit_id', '=', auditId).orderBy('host').execute());
    return rows.map(targetFromRow);
  }

  async tasks(auditId: number): Promise<TaskRecord[]> {
    const rows = await this.guard(() => this.db.selectFrom('tasks').selectAll().where('audit_id', '=', auditId).orderBy('host').orderBy('scanner').execute());
    return rows.map((r) => ({ host: r.host, scanner: r.scanner, status: r.status as TaskStatus, durationMs: r.duration_ms, attempts: r.attempts }));
  }

  async ruleSnapshots(auditId: number): Promise<RuleSnapshot[]> {
    const rows = await this.guard(() => this.db.selectFrom('audit_rules').selectAll().where('audit_id', '=', auditId).orderBy('rule_id').execute());
    return rows.map((r) => ({ id: r.rule_id, severity: r.severity as Severity, category: r.category, meta: JSON.parse(r.meta_json) as Record<string, unknown> }));
  }

  protected async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      throw this.translate(error);
    }
  }
}
