import type Database from 'better-sqlite3';
import type { InsertQueryBuilder, Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from './schema.js';

type Table = keyof DatabaseSchema;
type Row<T extends Table> = { [K in keyof DatabaseSchema[T]]?: unknown };

export interface BulkTable<T extends Table> {
  table: T;
  rows: Array<Row<T>>;
  /** Unique columns: a row that repeats them is skipped (or, with `update`, updates those columns). */
  conflict?: { columns: string[]; update?: string[] };
}

/** Writes many rows in one transaction: the caller's when given, else its own. */
export interface BulkWriter {
  write(tables: ReadonlyArray<BulkTable<Table>>, trx?: Transaction<DatabaseSchema>): Promise<void>;
}

/** The one INSERT of a bulk write, the same on both backends. */
export function insertQuery(db: Kysely<DatabaseSchema>, table: Table, values: Array<Record<string, unknown>>, conflict: BulkTable<Table>['conflict']): InsertQueryBuilder<DatabaseSchema, Table, never> {
  let query = db.insertInto(table).values(values as never);
  if (conflict) {
    const update = conflict.update;
    query = query.onConflict((oc) => {
      const target = oc.columns(conflict.columns as never);
      return update ? target.doUpdateSet(Object.fromEntries(update.map((c) => [c, (eb: { ref(name: string): unknown }) => eb.ref(`excluded.${c}`)])) as never) : target.doNothing();
    });
  }
  return query as InsertQueryBuilder<DatabaseSchema, Table, never>;
}

/**
 * Writes many rows to SQLite fast and lean: each insert is written once with Kysely (the same query
 * the PostgreSQL backend uses), compiled once into a prepared statement, and run row by row in
 * one transaction. Multi-row VALUES through the query builder cost one syntax node per value, which
 * was most of a large scan's work and garbage in the main thread. Inside a caller's Kysely
 * transaction it runs on the same (only) connection, as a savepoint.
 */
export class SqliteBulkWriter implements BulkWriter {
  private readonly statements = new Map<string, { statement: Database.Statement; columns: string[] }>();

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly sqlite: Database.Database,
  ) {}

  async write(tables: ReadonlyArray<BulkTable<Table>>): Promise<void> {
    const run = this.sqlite.transaction(() => {
      for (const { table, rows, conflict } of tables) {
        if (rows.length === 0) continue;
        const { statement, columns } = this.prepare(table, rows[0]!, conflict);
        for (const row of rows) statement.run(columns.map((column) => (row as Record<string, unknown>)[column] ?? null));
      }
    });
    run();
  }

  private prepare(table: Table, template: Row<Table>, conflict: BulkTable<Table>['conflict']): { statement: Database.Statement; columns: string[] } {
    const columns = Object.keys(template);
    const key = `${table}|${columns.join(',')}|${conflict?.columns.join(',') ?? ''}|${conflict?.update?.join(',') ?? ''}`;
    let prepared = this.statements.get(key);
    if (!prepared) {
      const placeholders = Object.fromEntries(columns.map((column) => [column, null]));
      const compiled = insertQuery(this.db, table, [placeholders], conflict).compile();
      prepared = { statement: this.sqlite.prepare(compiled.sql), columns };
      this.statements.set(key, prepared);
    }
    return prepared;
  }
}
