import { RasoatError, UsageError } from '../core/errors.js';
import type { Backend, Guard } from './backend.js';
import { copyAudit, type AuditCopy } from './copy-audit.js';
import { copiedEntry, isKnown, knownHashes } from './copy-trail.js';
import { openDatabase } from './db.js';
import { RECORD_TABLES } from './feed-rows.js';
import { AuditTrail } from './trail.js';

export interface CopyOptions {
  /** Who copies, with which command, from where: the destination trail's 'copy' record. */
  actor: string;
  machine: string;
  command: string;
  toolVersion: string;
  onAudit?: (progress: { done: number; total: number; uuid: string; copied: boolean }) => void;
}

export interface CopySummary {
  from: string;
  to: string;
  copied: number;
  skipped: number;
  /** Rows written to the destination, all tables. */
  rows: number;
  feeds: number;
  trail: number;
}

/**
 * Copies a whole history from one location to another (any backend to any backend): audits with
 * everything that belongs to them, triage decisions, feeds with their records, and the audit
 * trail. An audit whose uuid the destination has is skipped, so copying twice copies nothing the
 * second time; ids are the destination's own. Trail records are appended to the destination's
 * chain (see copy-trail.ts), then one 'copy' record names the source and its last hash.
 */
export async function copyHistory(from: string, to: string, options: CopyOptions): Promise<CopySummary> {
  const source = await openDatabase(from, { readonly: true });
  try {
    const dest = await openDatabase(to, { readonly: false });
    try {
      if (source.backend.shown === dest.backend.shown) throw new UsageError('db.copy.same', { path: dest.backend.shown });
      return await guarded(dest.backend)(() => copyAll(source.backend, dest.backend, options));
    } finally {
      await dest.backend.db.destroy();
    }
  } finally {
    await source.backend.db.destroy();
  }
}

/** Turns a failure into the backend's one-line StoreError: reads of the source are guarded by the source's, the rest by the destination's. */
function guarded(backend: Backend): Guard {
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof RasoatError ? error : backend.translate(error);
    }
  };
}

async function copyAll(source: Backend, dest: Backend, options: CopyOptions): Promise<CopySummary> {
  const read = guarded(source);
  const noGuard: Guard = (work) => work();
  const destTrail = new AuditTrail(dest.db, noGuard, (trx) => dest.lockTrail(trx));
  const sourceTrail = await read(() => source.db.selectFrom('audit_trail').selectAll().orderBy('id').execute());
  const copy: AuditCopy = { source: source.db, read, dest, destTrail, ids: new Map(), trailOf: new Map(), knownHashes: knownHashes(await dest.db.selectFrom('audit_trail').selectAll().execute()) };
  for (const row of sourceTrail) if (row.action === 'audit' && row.audit_id !== null) copy.trailOf.set(row.audit_id, [...(copy.trailOf.get(row.audit_id) ?? []), row]);
  const summary: CopySummary = { from: source.shown, to: dest.shown, copied: 0, skipped: 0, rows: 0, feeds: 0, trail: 0 };

  const present = new Map((await dest.db.selectFrom('audits').select(['id', 'uuid']).execute()).map((a) => [a.uuid, a.id]));
  const audits = await read(() => source.db.selectFrom('audits').selectAll().orderBy('id').execute());
  for (const [i, audit] of audits.entries()) {
    const there = present.get(audit.uuid);
    if (there !== undefined) {
      copy.ids.set(audit.id, there);
      summary.skipped++;
    } else {
      const before = copy.knownHashes.size;
      summary.rows += await copyAudit(copy, audit);
      summary.trail += copy.knownHashes.size - before;
      summary.copied++;
    }
    options.onAudit?.({ done: i + 1, total: audits.length, uuid: audit.uuid, copied: there === undefined });
  }

  summary.rows += await copyTriage(source, dest, copy.ids, read);
  const feeds = await copyFeeds(source, dest, read);
  summary.feeds = feeds.feeds;
  summary.rows += feeds.rows;

  // The other trail records (triage, feed imports, earlier copies), then the record of this copy.
  const rest = sourceTrail.filter((row) => !(row.action === 'audit' && row.audit_id !== null && copy.ids.has(row.audit_id)) && !isKnown(row, copy.knownHashes));
  const last = sourceTrail.at(-1);
  if (summary.rows + rest.length === 0) return summary;
  const intact = (await new AuditTrail(source.db, read).verify()).broken === null;
  await dest.db.transaction().execute(async (trx) => {
    for (const row of rest) await destTrail.append(copiedEntry(row, copy.ids), trx);
    await destTrail.append(
      {
        at: new Date().toISOString(),
        actor: options.actor,
        machine: options.machine,
        action: 'copy',
        command: options.command,
        auditId: null,
        detail: { from: source.shown, audits: summary.copied, skipped: summary.skipped, feeds: summary.feeds, sourceTrail: { records: sourceTrail.length, lastId: last?.id ?? null, lastHash: last?.hash ?? null, intact } },
        toolVersion: options.toolVersion,
        rulesVersion: '',
      },
      trx,
    );
  });
  summary.trail += rest.length + 1;
  summary.rows += rest.length + 1;
  return summary;
}

/** Triage decisions the destination does not have (the same fingerprint, status, reason, actor, time and end). */
async function copyTriage(source: Backend, dest: Backend, ids: ReadonlyMap<number, number>, read: Guard): Promise<number> {
  const key = (r: { fingerprint: string; status: string; reason: string; actor: string; at: string; until: string | null }) => JSON.stringify([r.fingerprint, r.status, r.reason, r.actor, r.at, r.until]);
  const there = new Set((await dest.db.selectFrom('triage').selectAll().execute()).map(key));
  const rows = (await read(() => source.db.selectFrom('triage').selectAll().orderBy('id').execute()))
    .filter((r) => !there.has(key(r)))
    .map(({ id: _id, ...r }) => ({ ...r, audit_id: r.audit_id === null ? null : (ids.get(r.audit_id) ?? null) }));
  if (rows.length > 0) await dest.bulk.write([{ table: 'triage', rows }]);
  return rows.length;
}

/**
 * Feeds the destination has no copy of (by source and name), each with its records in one
 * transaction. A feed the destination has is kept as it is: it may be newer, and a re-import
 * replaces it anyway.
 */
async function copyFeeds(source: Backend, dest: Backend, read: Guard): Promise<{ feeds: number; rows: number }> {
  const there = new Set((await dest.db.selectFrom('feeds').select(['source', 'name']).execute()).map((f) => `${f.source}\0${f.name}`));
  let feeds = 0;
  let rows = 0;
  for (const feed of await read(() => source.db.selectFrom('feeds').selectAll().orderBy('id').execute())) {
    if (there.has(`${feed.source}\0${feed.name}`)) continue;
    const records = await Promise.all(RECORD_TABLES.map(async (table) => ({ table, rows: (await read(() => source.db.selectFrom(table).selectAll().where('feed_id', '=', feed.id).execute())) as Array<Record<string, unknown>> })));
    await dest.db.transaction().execute(async (trx) => {
      const { id: _id, ...values } = feed;
      const row = await trx.insertInto('feeds').values(values).returning('id').executeTakeFirstOrThrow();
      await dest.bulk.write(records.map(({ table, rows: list }) => ({ table, rows: list.map((r) => ({ ...r, feed_id: row.id })) })), trx);
    });
    feeds++;
    rows += 1 + records.reduce((sum, r) => sum + r.rows.length, 0);
  }
  return { feeds, rows };
}
