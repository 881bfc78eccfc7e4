import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { Backend, OpenedDatabase } from './backend.js';
import { SqliteBulkWriter } from './bulk.js';
import { migrate, schemaState } from './db.js';
import { acquireDrillLock } from './drill-lock.js';
import type { DatabaseSchema } from './schema.js';

/**
 * Opens (creating if allowed) the SQLite history file in WAL mode and brings its schema up to
 * date. Every failure becomes a one-line StoreError naming the file and what to do; an existing
 * file that is not a rasoat database is never modified.
 */
export async function openSqlite(path: string, options: { readonly: boolean }): Promise<OpenedDatabase> {
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
  const backend = sqliteBackend(db, sqlite, path, options.readonly);
  if (options.readonly) return { backend, applied: [] };
  try {
    return { backend, applied: await migrate(db) };
  } catch (error) {
    await db.destroy();
    throw translateSqliteError(error, path);
  }
}

function sqliteBackend(db: Kysely<DatabaseSchema>, sqlite: Database.Database, path: string, readonly: boolean): Backend {
  return {
    kind: 'sqlite',
    db,
    shown: path,
    readonly,
    bulk: new SqliteBulkWriter(db, sqlite),
    translate: (error) => translateSqliteError(error, path),
    // One connection, and SQLite lets one writer at a time: the transaction is the lock.
    lockTrail: async () => {},
    lockDrills: async (drill, isAlive) => {
      const release = acquireDrillLock(`${path}.drill.lock`, drill, isAlive);
      return async () => release();
    },
  };
}

/** Reads (never writes) whether the file is empty, a current or older rasoat history, or not ours. */
function inspect(sqlite: Database.Database, path: string): 'empty' | 'current' | 'outdated' {
  const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  if (tables.size === 0) return 'empty';
  if (!tables.has('kysely_migration')) throw new StoreError('store.notRasoat', { path });
  const schema = schemaState((sqlite.prepare('select name from kysely_migration').all() as Array<{ name: string }>).map((r) => r.name));
  if (schema.state === 'newer') throw new StoreError('store.newerSchema', { path, migration: schema.migration });
  return schema.state;
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
