import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import { StoreError } from '../core/errors.js';
import { init } from './migrations/001-init.js';
import { auditOrderIndexes } from './migrations/002-audit-order-indexes.js';
import { triage } from './migrations/003-triage.js';
import { verify } from './migrations/004-verify.js';
import { triageUntil } from './migrations/005-triage-until.js';
import { auditTrail } from './migrations/006-audit-trail.js';
import { drills } from './migrations/007-drills.js';
import { feeds } from './migrations/008-feeds.js';
import { distributed } from './migrations/009-distributed.js';
import type { DatabaseSchema } from './schema.js';

/** Numbered, forward-only. Never edit a released migration: add the next one. */
const MIGRATIONS: Record<string, Migration> = { '001-init': init, '002-audit-order-indexes': auditOrderIndexes, '003-triage': triage, '004-verify': verify, '005-triage-until': triageUntil, '006-audit-trail': auditTrail, '007-drills': drills, '008-feeds': feeds, '009-distributed': distributed };

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface OpenedDatabase {
  db: Kysely<DatabaseSchema>;
  /** The SQLite connection under Kysely, for prepared-statement bulk writes. */
  sqlite: Database.Database;
  path: string;
  readonly: boolean;
}

/**
 * Opens (creating if allowed) the SQLite history file in WAL mode and brings its schema up to
 * date. Every failure becomes a one-line StoreError naming the file and what to do; an existing
 * file that is not a rasoat database is never modified.
 */
export async function openDatabase(path: string, options: { readonly: boolean }): Promise<OpenedDatabase> {
  if (existsSync(path) && statSync(path).isDirectory()) throw new StoreError('store.isDirectory', { path });
  if (options.readonly && !existsSync(path)) throw new StoreError('store.missing', { path });
  if (!options.readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new StoreError('store.cannotOpen', { path, detail: codeOf(error) });
    }
  }

  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { readonly: options.readonly, fileMustExist: options.readonly });
    sqlite.pragma('busy_timeout = 5000');
    // Whose file is this? Answered by reading only, before any pragma that could change it.
    const state = inspect(sqlite, path);
    if (state === 'current' || !options.readonly) {
      if (!options.readonly) {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = NORMAL');
      }
      sqlite.pragma('foreign_keys = ON');
    }
    if (state === 'outdated' && options.readonly) throw new StoreError('store.needsMigration', { path });
    if (state === 'empty' && options.readonly) throw new StoreError('store.missing', { path });
  } catch (error) {
    sqlite?.close();
    throw translateSqliteError(error, path);
  }

  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (options.readonly) return { db, sqlite, path, readonly: true };
  try {
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw translateSqliteError(error, path);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, sqlite, path, readonly: false };
}

/** Reads (never writes) whether the file is empty, a current or older rasoat history, or not ours. */
function inspect(sqlite: Database.Database, path: string): 'empty' | 'current' | 'outdated' {
  const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  if (tables.size === 0) return 'empty';
  if (!tables.has('kysely_migration')) throw new StoreError('store.notRasoat', { path });
  const applied = (sqlite.prepare('select name from kysely_migration').all() as Array<{ name: string }>).map((r) => r.name);
  const unknown = applied.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) throw new StoreError('store.newerSchema', { path, migration: unknown.sort().at(-1)! });
  return applied.length === Object.keys(MIGRATIONS).length ? 'current' : 'outdated';
}

export function translateSqliteError(error: unknown, path: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const detail = (error as Error).message ?? String(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new StoreError('store.notDatabase', { path }, { cause: error });
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS') return new StoreError('store.readOnly', { path }, { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreError('store.busy', { path }, { cause: error });
  if (code === 'SQLITE_FULL') return new StoreError('store.full', { path }, { cause: error });
  return new StoreError('store.cannotOpen', { path, detail: code ? `${code}: ${detail}` : detail }, { cause: error });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
