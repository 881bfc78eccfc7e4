import { afterAll, beforeAll } from 'vitest';
import { postgresBinDir, startPostgres, type PgServer } from '../../fixtures/servers/postgres.js';

export { PG_TCP_HOST, postgresBinDir, startPostgres, type PgServer } from '../../fixtures/servers/postgres.js';

/**
 * Whether PostgreSQL tests can run. Like needsPeer (peers.ts): .ci/run installs the server and sets
 * RASOAT_REQUIRE_PEERS=1, so there a missing one fails instead of quietly skipping.
 */
export function needsPostgres(): boolean {
  const bin = postgresBinDir();
  if (!bin && process.env.RASOAT_REQUIRE_PEERS === '1') throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); .ci/run installs it (apt-get install postgresql)');
  if (!bin) console.warn('skipping PostgreSQL tests: no /usr/lib/postgresql/*/bin/initdb (bash .ci/run installs postgresql)');
  return bin !== null;
}

/** One server for the surrounding describe (or file): started before its tests, removed after. */
export function usePostgres(options: { tcp?: boolean } = {}): () => PgServer {
  let server: PgServer | undefined;
  beforeAll(async () => {
    server = await startPostgres(options);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the PostgreSQL server has not started');
    return server;
  };
}
