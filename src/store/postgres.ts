import { hostname } from 'node:os';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { BusyError, StoreError } from '../core/errors.js';
import type { Backend, OpenedDatabase } from './backend.js';
import { PostgresBulkWriter } from './bulk-postgres.js';
import { migrate, schemaState } from './db.js';
import { passwordOf, redactLocation } from './location.js';
import { translatePostgresError } from './postgres-errors.js';
import type { DatabaseSchema } from './schema.js';

/** Advisory lock keys: rasoat's namespace, then what is locked. */
const LOCK_SPACE = 0x72617361; // 'rasa'
const TRAIL_LOCK = 1;
const DRILL_LOCK = 2;

/** int8 (count(*), sum of integers) and numeric come back from pg as text; the history's are small. */
const NUMBER_TYPES = new Set([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_TYPES.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens a PostgreSQL history through a pool of the `pg` package: the URL as libpq would take it
 * (postgres://user@host:port/db, a Unix socket as ?host=/dir), with PGPASSWORD, PGUSER, ~/.pgpass
 * and the other libpq variables filling what it leaves out. Read-only opens set every
 * transaction read-only on the server, so they cannot write even by mistake.
 */
export async function openPostgres(url: string, options: { readonly: boolean }): Promise<OpenedDatabase> {
  const shown = redactLocation(url);
  const translate = (error: unknown) => translatePostgresError(error, shown, passwordOf(url));
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 15_000, idleTimeoutMillis: 10_000, allowExitOnIdle: true, keepAlive: true, application_name: 'rasoat', types });
  } catch (error) {
    throw translate(error);
  }
  // An idle connection the server drops must not crash the process: the next query reports it.
  pool.on('error', () => {});
  if (options.readonly) pool.on('connect', (client) => void client.query('set default_transaction_read_only = on').catch(() => {}));
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  const backend = postgresBackend(db, pool, shown, options.readonly, translate);
  try {
    const state = await inspect(db, shown);
    if (state === 'outdated' && options.readonly) throw new StoreError('store.needsMigration', { path: shown });
    if (state === 'empty' && options.readonly) throw new StoreError('store.missing', { path: shown });
    return { backend, applied: options.readonly ? [] : await migrate(db) };
  } catch (error) {
    await db.destroy().catch(() => {});
    throw translate(error);
  }
}

function postgresBackend(db: Kysely<DatabaseSchema>, pool: pg.Pool, shown: string, readonly: boolean, translate: (error: unknown) => StoreError): Backend {
  return {
    kind: 'postgres',
    db,
    shown,
    readonly,
    bulk: new PostgresBulkWriter(db),
    translate,
    // Processes on many machines may append at once: each reads the last hash, then links to it.
    lockTrail: async (trx: Transaction<DatabaseSchema>) => {
      await sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int4, ${TRAIL_LOCK}::int4)`.execute(trx);
    },
    lockDrills: (drill) => lockDrills(pool, drill, shown, translate),
  };
}

/**
 * A session-level advisory lock on a connection held for the whole run: the server frees it when
 * the holder ends or its connection drops, so there is no stale lock to take over, and it is seen
 * by every machine that writes to this history. The holder names itself in application_name.
 */
async function lockDrills(pool: pg.Pool, drill: string, shown: string, translate: (error: unknown) => StoreError): Promise<() => Promise<void>> {
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    const taken = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::int4, $2::int4) as ok', [LOCK_SPACE, DRILL_LOCK]);
    if (!taken.rows[0]?.ok) {
      const holder = await client.query<{ name: string | null }>(
        "select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.classid = $1::int4::oid and l.objid = $2::int4::oid and l.objsubid = 2 and l.granted",
        [LOCK_SPACE, DRILL_LOCK],
      );
      const named = /^rasoat drill (\d+) (\S+) (.*)$/.exec(holder.rows[0]?.name ?? '');
      throw new BusyError('drill.lockedShared', { drill: named?.[3] ?? '?', pid: named?.[1] ?? '?', machine: named?.[2] ?? '?', path: shown });
    }
    await client.query("select set_config('application_name', $1, false)", [`rasoat drill ${process.pid} ${hostname()} ${drill}`.slice(0, 63)]);
  } catch (error) {
    client?.release();
    throw error instanceof BusyError ? error : translate(error);
  }
  const held = client;
  return async () => {
    try {
      await held.query('select pg_advisory_unlock($1::int4, $2::int4)', [LOCK_SPACE, DRILL_LOCK]);
      held.release();
    } catch (error) {
      held.release(error as Error); // the connection is dropped, and the lock with it
    }
  };
}

/** Reads (never writes) whether the database is empty, a current or older rasoat history, or not ours. */
async function inspect(db: Kysely<DatabaseSchema>, shown: string): Promise<'empty' | 'current' | 'outdated'> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
  const names = new Set(tables.rows.map((r) => r.name));
  if (names.size === 0) return 'empty';
  if (!names.has('kysely_migration')) throw new StoreError('store.pg.notRasoat', { path: shown });
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const schema = schemaState(applied.rows.map((r) => r.name));
  if (schema.state === 'newer') throw new StoreError('store.newerSchema', { path: shown, migration: schema.migration });
  return schema.state;
}
