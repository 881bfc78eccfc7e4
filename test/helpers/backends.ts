import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe } from 'vitest';
import { Store } from '../../src/store/store.js';
import { tempDir } from './cli.js';
import { needsPostgres, usePostgres, type PgServer } from './postgres.js';

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty history location: a new SQLite file path, or a new PostgreSQL database's URL. */
  location(): Promise<string>;
  /** A writable store on a fresh location, closed after the test. */
  open(): Promise<Store>;
  /** The PostgreSQL server (postgres only). */
  server(): PgServer;
  /** Runs SQL straight on the database at `location`, as someone bypassing rasoat would. */
  exec(location: string, sql: string): Promise<void>;
}

/**
 * Runs the same tests against both backends: `body` is called inside a describe named after each,
 * on the embedded SQLite file and on a throwaway PostgreSQL server (skipped, with the reason,
 * where PostgreSQL is not installed; failed instead under RASOAT_REQUIRE_PEERS=1).
 */
export function forEachBackend(body: (backend: TestBackend) => void): void {
  describe('sqlite', () => {
    body(withStores('sqlite', async () => join(tempDir('rasoat-store-'), 'history.db'), () => {
      throw new Error('no PostgreSQL server on the sqlite backend');
    }));
  });
  describe.skipIf(!postgresPresent)('postgres', () => {
    const server = usePostgres();
    body(withStores('postgres', () => server().createDatabase('store'), server));
  });
}

const postgresPresent = needsPostgres();

function withStores(name: TestBackend['name'], location: () => Promise<string>, server: () => PgServer): TestBackend {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  return {
    name,
    location,
    server,
    async exec(at, sql) {
      if (name === 'postgres') {
        await server().query(sql, at);
        return;
      }
      const sqlite = new Database(at);
      try {
        sqlite.exec(sql);
      } finally {
        sqlite.close();
      }
    },
    async open() {
      const store = await Store.open(await location(), { readonly: false });
      stores.push(store);
      return store;
    },
  };
}
