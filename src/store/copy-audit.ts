import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Backend, Guard } from './backend.js';
import type { BulkTable } from './bulk.js';
import type { AuditsTable, AuditTrailTable, DatabaseSchema } from './schema.js';
import type { AuditTrail } from './trail.js';
import { copiedEntry, isKnown } from './copy-trail.js';

type Schema = DatabaseSchema;

/** An audit's own rows, copied with it: [table, ordered by id (stored order) or not]. */
const CHILDREN = [
  ['audit_targets', false],
  ['audit_rules', false],
  ['tasks', false],
  ['observations', true],
  ['findings', true],
] as const;

export interface AuditCopy {
  source: Kysely<Schema>;
  /** Guards reads of the source (its errors named as its own). */
  read: Guard;
  dest: Backend;
  destTrail: AuditTrail;
  /** Source audit id to destination audit id, for every audit seen so far (copied or already there). */
  ids: Map<number, number>;
  /** The source trail's rows by the audit they record, for 'audit' rows. */
  trailOf: Map<number, Array<Selectable<AuditTrailTable>>>;
  /** Trail hashes the destination already holds or was copied from. */
  knownHashes: Set<string>;
}

/**
 * Copies one audit and everything that belongs to it (hosts, rules, tasks, observations,
 * findings, its verify records and drill run, its trail record) in one destination transaction:
 * an interrupted copy leaves the audit absent, never half there. Returns the rows written.
 */
export async function copyAudit(copy: AuditCopy, audit: Selectable<AuditsTable>): Promise<number> {
  const { source, read, dest, ids } = copy;
  const children = await Promise.all(
    CHILDREN.map(async ([table, ordered]) => {
      const query = source.selectFrom(table).selectAll().where('audit_id', '=', audit.id);
      return { table, rows: (await read(() => (ordered ? query.orderBy('id' as never) : query).execute())) as Array<Record<string, unknown>> };
    }),
  );
  const verifications = await read(() => source.selectFrom('verifications').selectAll().where('audit_id', '=', audit.id).orderBy('id').execute());
  const drillRuns = await read(() => source.selectFrom('drill_runs').selectAll().where('audit_id', '=', audit.id).orderBy('id').execute());

  return dest.db.transaction().execute(async (trx: Transaction<Schema>) => {
    const { id: sourceId, ...values } = audit;
    const row = await trx.insertInto('audits').values(values).returning('id').executeTakeFirstOrThrow();
    ids.set(sourceId, row.id);
    let rows = 1;
    const tables: Array<BulkTable<keyof Schema>> = children.map(({ table, rows: list }) => ({ table, rows: list.map(({ id: _id, ...r }) => ({ ...r, audit_id: row.id })) }));
    tables.push({
      table: 'verifications',
      rows: verifications.map(({ id: _id, ...v }) => ({ ...v, audit_id: row.id, original_audit_id: mapped(ids, v.original_audit_id) })),
    });
    tables.push({ table: 'drill_runs', rows: drillRuns.map(({ id: _id, ...d }) => ({ ...d, audit_id: row.id })) });
    await dest.bulk.write(tables, trx);
    rows += tables.reduce((sum, t) => sum + t.rows.length, 0);
    for (const entry of copy.trailOf.get(sourceId) ?? []) {
      if (isKnown(entry, copy.knownHashes)) continue;
      await copy.destTrail.append(copiedEntry(entry, ids), trx);
      copy.knownHashes.add(entry.hash);
      rows++;
    }
    return rows;
  });
}

/** A verify audit comes after the audit it re-checks, so in id order its original is already mapped. */
function mapped(ids: ReadonlyMap<number, number>, id: number): number {
  const found = ids.get(id);
  if (found === undefined) throw new Error(`audit ${id} is referenced before it was copied`);
  return found;
}
