import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/** What addColumn takes as a type: a type name, or an expression such as sql`text collate "C"`. */
type DataTypeExpression = Parameters<CreateTableBuilder<string, never>['addColumn']>[1];

/** Whether the migration runs on PostgreSQL (else SQLite, whose SQL the released migrations fixed). */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface ColumnTypes {
  /** Text compared and ordered byte by byte on both: SQLite's BINARY, PostgreSQL's "C" collation. */
  text: DataTypeExpression;
  /** A float: SQLite's REAL is 8 bytes, PostgreSQL's is 4. */
  real: DataTypeExpression;
  /** An integer primary key the database numbers. */
  id: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

/**
 * The column types of the schema on each backend. On SQLite they are exactly what the released
 * migrations wrote, so existing history files and their migration records stay valid; on
 * PostgreSQL text is collated "C" so that every ORDER BY, GROUP BY and max() over text gives
 * SQLite's order whatever the database's locale.
 */
export function columnTypes(db: Kysely<unknown>): ColumnTypes {
  if (!isPostgres(db)) return { text: 'text', real: 'real', id: (c) => c.primaryKey().autoIncrement() };
  return { text: sql`text collate "C"`, real: 'double precision', id: (c) => c.primaryKey().generatedByDefaultAsIdentity() };
}
