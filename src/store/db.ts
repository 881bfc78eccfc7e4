import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { init } from './migrations/001-init.js';
import { auditOrderIndexes } from './migrations/002-audit-order-indexes.js';
import { triage } from './migrations/003-triage.js';
import { verify } from './migrations/004-verify.js';
import { triageUntil } from './migrations/005-triage-until.js';
import { auditTrail } from './migrations/006-audit-trail.js';
import { drills } from './migrations/007-drills.js';
import { feeds } from './migrations/008-feeds.js';
import { distributed } from './migrations/009-distributed.js';
import { StoreError } from '../core/errors.js';
import type { OpenedDatabase } from './backend.js';
import { isDatabaseUrl } from './location.js';
import type { DatabaseSchema } from './schema.js';
import { openSqlite } from './sqlite.js';

export type { OpenedDatabase } from './backend.js';
export { translateSqliteError } from './sqlite.js';

/** Numbered, forward-only. Never edit a released migration: add the next one. */
const MIGRATIONS: Record<string, Migration> = { '001-init': init, '002-audit-order-indexes': auditOrderIndexes, '003-triage': triage, '004-verify': verify, '005-triage-until': triageUntil, '006-audit-trail': auditTrail, '007-drills': drills, '008-feeds': feeds, '009-distributed': distributed };

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Opens (creating if allowed) the history at `location`, a file path (SQLite, the embedded
 * default) or a postgres:// URL, and brings its schema up to date unless read-only. Every failure
 * becomes a one-line StoreError naming the location (never its password) and what to do; an
 * existing database that is not a rasoat history is never modified.
 */
export async function openDatabase(location: string, options: { readonly: boolean }): Promise<OpenedDatabase> {
  if (!isDatabaseUrl(location)) return openSqlite(location, options);
  // Loaded only for a URL: the pg driver costs every SQLite command ~0.1 s of start-up otherwise.
  const { openPostgres } = await import('./postgres.js');
  return openPostgres(location, options);
}

/** Whether opening to write failed only because this user may not write (a read-only file or database user). */
export function isWriteRefused(error: unknown): boolean {
  return error instanceof StoreError && (error.messageId === 'store.readOnly' || error.messageId === 'store.pg.denied');
}

/** Whose database is this, from the names in its kysely_migration table (null: no such table)? */
export function schemaState(applied: readonly string[]): { state: 'current' | 'outdated' } | { state: 'newer'; migration: string } {
  const unknown = applied.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) return { state: 'newer', migration: unknown.sort().at(-1)! };
  return { state: applied.length === Object.keys(MIGRATIONS).length ? 'current' : 'outdated' };
}

/** How many migrations a current history has applied. */
export function migrationCount(): number {
  return Object.keys(MIGRATIONS).length;
}

/** Applies the migrations not yet applied; returns their names. Throws the driver's error as is. */
export async function migrate(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
