import type { Kysely, Transaction } from 'kysely';
import { insertQuery, type BulkTable, type BulkWriter } from './bulk.js';
import type { DatabaseSchema } from './schema.js';

/** PostgreSQL's limit on the parameters of one statement (a 16-bit count in the protocol). */
export const MAX_PARAMETERS = 65_535;

/**
 * Writes many rows to PostgreSQL as multi-row INSERTs, as many rows per statement as the
 * parameter limit allows: a round trip per statement, not per row, is what counts over a network.
 */
export class PostgresBulkWriter implements BulkWriter {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async write(tables: ReadonlyArray<BulkTable<keyof DatabaseSchema>>, trx?: Transaction<DatabaseSchema>): Promise<void> {
    if (!trx) return this.db.transaction().execute((own) => this.write(tables, own));
    for (const { table, rows: given, conflict } of tables) {
      if (given.length === 0) continue;
      const rows = conflict?.update ? mergeRepeats(given, conflict.columns, conflict.update) : given;
      const columns = Object.keys(rows[0]!);
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (let i = 0; i < rows.length; i += perStatement) {
        const values = rows.slice(i, i + perStatement).map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c] ?? null])));
        await insertQuery(trx, table, values, conflict).execute();
      }
    }
  }
}

/**
 * One statement may not update the same row twice (ON CONFLICT DO UPDATE refuses): rows repeating
 * a key become one, as SQLite's row-by-row writes leave it: the first row, with the updated
 * columns of the last.
 */
function mergeRepeats<R extends Record<string, unknown>>(rows: readonly R[], key: readonly string[], update: readonly string[]): R[] {
  const merged = new Map<string, R>();
  for (const row of rows) {
    const k = JSON.stringify(key.map((c) => row[c] ?? null));
    const first = merged.get(k);
    merged.set(k, first ? { ...first, ...Object.fromEntries(update.map((c) => [c, row[c]])) } : row);
  }
  return [...merged.values()];
}
