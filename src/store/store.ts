import { hostname } from 'node:os';
import { packageVersion } from '../core/package-root.js';
import { NotFoundError } from '../core/errors.js';
import type { AuditMeta, AuditRecord, AuditStats, AuditStatus } from '../core/model/audit.js';
import type { TaskRecord } from '../core/model/coverage.js';
import type { Finding, Outcome } from '../core/model/finding.js';
import type { Observation } from '../core/model/observation.js';
import type { Severity } from '../core/model/severity.js';
import type { HostTarget } from '../core/model/target.js';
import type { Backend } from './backend.js';
import type { BulkWriter } from './bulk.js';
import { ClusterLog } from './cluster.js';
import { StoreReads } from './reads.js';
import { batchRows, toAudit } from './rows.js';
import { migrationCount, openDatabase } from './db.js';
import { TriageLog } from './triage.js';
import { VerifyLog } from './verify.js';
import { AuditTrail } from './trail.js';
import { DrillLog } from './drills.js';
import { FeedStore } from './feeds.js';

/** What an audit records of each rule it ran, so its report reads the same years later. */
export interface RuleSnapshot {
  id: string;
  severity: Severity;
  category: string;
  meta: Record<string, unknown>;
}

export interface StoredTarget extends HostTarget {
  up: boolean;
}

export interface WriteBatch {
  targets: StoredTarget[];
  tasks: TaskRecord[];
  observations: Observation[];
  findings: Finding[];
}

export interface FindingFilter {
  outcomes?: Outcome[];
}

export interface VerdictQuery extends FindingFilter {
  /** 'failures': only failures are read in full, the other verdicts bare (no evidence, texts or controls). */
  detail: 'failures' | 'all';
}

export interface ObservationFilter {
  kinds?: string[];
}

/** Rows per INSERT: well under SQLite's bound-parameter limit for the widest table. */
const CHUNK = 400;

/**
 * The audit history. The only SQL in rasoat lives under src/store/, written with Kysely so the
 * same queries run on SQLite (the embedded default) and PostgreSQL (a postgres:// URL).
 */
export class Store extends StoreReads {
  private readonly bulk: BulkWriter;
  /** Triage decisions: the one write besides a scan's, made through the TUI. */
  readonly triage: TriageLog;
  /** Verify-after-patch: failures by fingerprint and the results of re-checking them. */
  readonly verifications: VerifyLog;
  /** Who ran what, when, against which scope: append-only and hash-chained. */
  readonly trail: AuditTrail;
  readonly drills: DrillLog;
  /** Imported vulnerability and lifecycle feeds (rasoat feeds import). */
  readonly feeds: FeedStore;
  /** Distributed audits: their plans and chunks (rasoat server). */
  readonly cluster: ClusterLog;

  private constructor(private readonly backend: Backend) {
    super(backend.db, backend.shown, (error) => backend.translate(error));
    const db = backend.db;
    this.bulk = backend.bulk;
    this.trail = new AuditTrail(db, (work) => this.guard(work), (trx) => backend.lockTrail(trx));
    // A decision to stop counting a failure is as much the auditor's act as a scan: it goes in the trail.
    this.triage = new TriageLog(db, (work) => this.guard(work), (d, trx) =>
      this.trail.append({ at: d.at, actor: d.actor, machine: hostname(), action: 'triage', command: `triage ${d.status}`, auditId: d.auditId, detail: { fingerprint: d.fingerprint, status: d.status, reason: d.reason, until: d.until ?? null }, toolVersion: packageVersion(), rulesVersion: '' }, trx),
    );
    this.verifications = new VerifyLog(db, (work) => this.guard(work));
    this.drills = new DrillLog(db, (work) => this.guard(work));
    this.cluster = new ClusterLog(db, backend.bulk, (work) => this.guard(work));
    this.feeds = new FeedStore(db, backend.bulk, (work) => this.guard(work), (f, by, trx) =>
      this.trail.append({ at: f.importedAt, actor: by.actor, machine: hostname(), action: 'feeds-import', command: by.command, auditId: null, detail: { source: f.source, name: f.name, version: f.version, records: f.records, sha256: f.sha256 }, toolVersion: packageVersion(), rulesVersion: '' }, trx),
    );
  }

  /** Opens the history at a file path (SQLite) or a postgres:// URL. */
  static async open(location: string, options: { readonly: boolean }): Promise<Store> {
    const opened = await openDatabase(location, options);
    return new Store(opened.backend);
  }

  /** Brings the history's schema up to date (creating it if need be); returns the migrations applied. */
  static async migrate(location: string): Promise<{ applied: string[]; path: string; total: number }> {
    const opened = await openDatabase(location, { readonly: false });
    await opened.backend.db.destroy();
    return { applied: opened.applied, path: opened.backend.shown, total: migrationCount() };
  }

  /** How many audits the history holds. */
  async countAudits(): Promise<number> {
    const row = await this.guard(() => this.db.selectFrom('audits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
    return Number(row.n);
  }

  /**
   * One drill run at a time per history, from any process and, on a shared PostgreSQL history,
   * any machine: BusyError while another holds it. Resolves to the release function.
   */
  async lockDrills(drill: string, isAlive: (pid: number) => boolean): Promise<() => Promise<void>> {
    return this.backend.lockDrills(drill, isAlive);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async createAudit(meta: AuditMeta, rules: RuleSnapshot[]): Promise<number> {
    return this.guard(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('audits')
          .values({
            uuid: meta.uuid,
            status: 'running',
            started_at: meta.startedAt,
            ended_at: null,
            auditor: meta.auditor,
            machine: meta.machine,
            pid: meta.pid,
            authorization: meta.authorization,
            profile: meta.profile,
            scope_json: JSON.stringify(meta.scope),
            options_json: JSON.stringify(meta.options),
            tool_version: meta.toolVersion,
            rules_version: meta.rulesVersion,
            scanners_json: JSON.stringify(meta.scanners),
            stats_json: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const chunk of chunks(rules)) {
          await trx
            .insertInto('audit_rules')
            .values(chunk.map((r) => ({ audit_id: row.id, rule_id: r.id, severity: r.severity, category: r.category, meta_json: JSON.stringify(r.meta) })))
            .execute();
        }
        await this.trail.append(
          {
            at: meta.startedAt,
            actor: meta.auditor,
            machine: meta.machine,
            action: 'audit',
            command: meta.command ?? '',
            auditId: row.id,
            detail: { profile: meta.profile, authorization: meta.authorization, scope: meta.scope, scanners: meta.scanners, feeds: (meta.options as { feeds?: unknown }).feeds ?? [] },
            toolVersion: meta.toolVersion,
            rulesVersion: meta.rulesVersion,
          },
          trx,
        );
        return row.id;
      }),
    );
  }

  async finishAudit(id: number, status: AuditStatus, stats: AuditStats | null, endedAt: string): Promise<void> {
    await this.guard(() =>
      this.db
        .updateTable('audits')
        .set({ status, ended_at: endedAt, stats_json: stats ? JSON.stringify(stats) : null })
        .where('id', '=', id)
        .execute(),
    );
  }

  /** One transaction per batch: a crash loses at most the batch in flight, never earlier audits. */
  async write(auditId: number, batch: WriteBatch): Promise<void> {
    await this.guard(() => this.bulk.write(batchRows(auditId, batch)));
  }

  /** Replaces an audit's findings (rejudge: today's rules over the stored observations). */
  async replaceFindings(auditId: number, findings: Finding[], rules: RuleSnapshot[], rulesVersion: string): Promise<void> {
    await this.guard(async () => {
      await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('findings').where('audit_id', '=', auditId).execute();
        await trx.deleteFrom('audit_rules').where('audit_id', '=', auditId).execute();
        await trx.updateTable('audits').set({ rules_version: rulesVersion }).where('id', '=', auditId).execute();
        for (const chunk of chunks(rules)) {
          await trx
            .insertInto('audit_rules')
            .values(chunk.map((r) => ({ audit_id: auditId, rule_id: r.id, severity: r.severity, category: r.category, meta_json: JSON.stringify(r.meta) })))
            .execute();
        }
      });
      await this.write(auditId, { targets: [], tasks: [], observations: [], findings });
    });
  }

  async listAudits(limit = 50): Promise<AuditRecord[]> {
    const rows = await this.guard(() => this.db.selectFrom('audits').selectAll().orderBy('id', 'desc').limit(limit).execute());
    return rows.map(toAudit);
  }

  /** An audit by number, `latest`, `latest~N` (N audits before the latest), or a uuid prefix. */
  async getAudit(ref: string): Promise<AuditRecord> {
    const parsed = parseAuditRef(ref);
    let query = this.db.selectFrom('audits').selectAll();
    if (parsed.kind === 'id') query = query.where('id', '=', parsed.id);
    else if (parsed.kind === 'latest') query = query.orderBy('id', 'desc').offset(parsed.back).limit(1);
    else query = query.where('uuid', 'like', `${parsed.prefix}%`).limit(2);
    const rows = await this.guard(() => query.execute());
    if (rows.length === 0) throw new NotFoundError('audit.notFound', { ref, path: this.path });
    if (rows.length > 1) throw new NotFoundError('audit.ambiguous', { ref });
    return toAudit(rows[0]!);
  }

  /**
   * Audits left "running" by a process of this machine that no longer exists (killed, power cut)
   * are marked interrupted: their stored results stay, and nobody mistakes them for complete.
   */
  async markAbandoned(machine: string, isAlive: (pid: number) => boolean, endedAt: string): Promise<number> {
    const running = await this.guard(() =>
      this.db
        .selectFrom('audits')
        .select(['id', 'pid'])
        .where('status', '=', 'running')
        .where('machine', '=', machine)
        // A distributed audit outlives the process that started it: agents go on, a server finishes it.
        .where('id', 'not in', (eb) => eb.selectFrom('distributed_audits').select('audit_id').where('state', '=', 'running'))
        .execute(),
    );
    const dead = running.filter((r) => !isAlive(r.pid)).map((r) => r.id);
    if (dead.length === 0) return 0;
    await this.guard(() => this.db.updateTable('audits').set({ status: 'interrupted', ended_at: endedAt }).where('id', 'in', dead).execute());
    return dead.length;
  }
}

export type AuditRef = { kind: 'id'; id: number } | { kind: 'latest'; back: number } | { kind: 'uuid'; prefix: string };

/** Checks an audit reference's form without a database, so a typo is reported before anything else. */
export function parseAuditRef(ref: string): AuditRef {
  const text = ref.trim();
  const relative = /^(?:latest|last)(?:~(\d+))?$/i.exec(text);
  if (/^\d+$/.test(text)) return { kind: 'id', id: Number(text) };
  if (relative) return { kind: 'latest', back: Number(relative[1] ?? 0) };
  if (/^[0-9a-f-]{6,36}$/i.test(text)) return { kind: 'uuid', prefix: text.toLowerCase() };
  throw new NotFoundError('audit.badRef', { ref });
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}
