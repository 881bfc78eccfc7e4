import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditTrailTable, DatabaseSchema } from './schema.js';

/** One thing done to the history: a scan, a verify, a drill run, a triage decision. */
export interface TrailEntry {
  at: string;
  actor: string;
  machine: string;
  /** 'audit' (a scan of any kind), 'triage' or 'feeds-import'. */
  action: string;
  /** The command line as given (without the program name). */
  command: string;
  auditId: number | null;
  /** Scope of an audit, or the decision of a triage: what was done, as data. */
  detail: Record<string, unknown>;
  toolVersion: string;
  rulesVersion: string;
}

export interface TrailCheck {
  rows: number;
  /** The first row whose content or link does not match its hash, or a missing row; null when intact. */
  broken: { id: number; reason: 'content' | 'link' | 'gap' } | null;
}

const GENESIS = '0'.repeat(64);

/** The hash of a row: the previous row's hash and this row's content, in a fixed field order. */
export function trailHash(prev: string, e: TrailEntry): string {
  const content = JSON.stringify([e.at, e.actor, e.machine, e.action, e.command, e.auditId, e.detail, e.toolVersion, e.rulesVersion]);
  return createHash('sha256').update(`${prev}\n${content}`).digest('hex');
}

/** The append-only, hash-chained audit trail. */
export class AuditTrail {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
    /** Makes other writers of the trail wait until the transaction ends (PostgreSQL: other processes). */
    private readonly lock: (trx: Transaction<DatabaseSchema>) => Promise<void> = async () => {},
  ) {}

  /** Appends inside the caller's transaction when given one (so an audit and its trail row commit together). */
  async append(entry: TrailEntry, trx?: Transaction<DatabaseSchema>): Promise<void> {
    const write = async (db: Transaction<DatabaseSchema>) => {
      await this.lock(db);
      const last = await db.selectFrom('audit_trail').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
      const prev = last?.hash ?? GENESIS;
      // The id is the next one, given, not drawn: a PostgreSQL sequence keeps a number a rolled-back
      // transaction drew, and verify() takes a gap in the ids for a deleted record.
      await db
        .insertInto('audit_trail')
        .values({ id: (last?.id ?? 0) + 1, at: entry.at, actor: entry.actor, machine: entry.machine, action: entry.action, command: entry.command, audit_id: entry.auditId, detail_json: JSON.stringify(entry.detail), tool_version: entry.toolVersion, rules_version: entry.rulesVersion, prev_hash: prev, hash: trailHash(prev, entry) })
        .execute();
    };
    if (trx) await write(trx);
    else await this.guard(() => this.db.transaction().execute(write));
  }

  async entries(): Promise<Array<TrailEntry & { id: number; hash: string }>> {
    const rows = await this.guard(() => this.db.selectFrom('audit_trail').selectAll().orderBy('id').execute());
    return rows.map((r) => ({ ...toEntry(r), id: r.id, hash: r.hash }));
  }

  /** Walks the chain from the first row: each row's hash must match its content and its predecessor. */
  async verify(): Promise<TrailCheck> {
    const rows = await this.guard(() => this.db.selectFrom('audit_trail').selectAll().orderBy('id').execute());
    let prev = GENESIS;
    let expectedId = 1;
    for (const r of rows) {
      if (r.id !== expectedId) return { rows: rows.length, broken: { id: expectedId, reason: 'gap' } };
      if (r.prev_hash !== prev) return { rows: rows.length, broken: { id: r.id, reason: 'link' } };
      if (trailHash(prev, toEntry(r)) !== r.hash) return { rows: rows.length, broken: { id: r.id, reason: 'content' } };
      prev = r.hash;
      expectedId++;
    }
    return { rows: rows.length, broken: null };
  }
}

function toEntry(r: Selectable<AuditTrailTable>): TrailEntry {
  return { at: r.at, actor: r.actor, machine: r.machine, action: r.action, command: r.command, auditId: r.audit_id, detail: JSON.parse(r.detail_json) as Record<string, unknown>, toolVersion: r.tool_version, rulesVersion: r.rules_version };
}
