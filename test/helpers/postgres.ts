import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** The only address a test PostgreSQL listens on besides its Unix socket (this suite's loopback range). */
export const PG_TCP_HOST = '127.0.140.1';

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/N/bin), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')));
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  return newest ? join(root, newest, 'bin') : null;
}

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

export interface PgServer {
  socketDir: string;
  port: number;
  /** Whether it also listens on PG_TCP_HOST:port, where logins need a password. */
  tcp: boolean;
  /** A URL reaching `database` as the superuser over the Unix socket (trusted, no password). */
  url(database: string): string;
  /** A fresh empty database; its socket URL. */
  createDatabase(prefix?: string, options?: { owner?: string; icuLocale?: string }): Promise<string>;
  /** Runs SQL as the superuser, in the database of this URL (default: the postgres database). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, location?: string, values?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

/** The user PostgreSQL runs as: it refuses root, so as root the `postgres` system user (else `nobody`). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
  if (!entry) throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a throwaway PostgreSQL server in a new temporary directory: C locale, UTF-8, settings that
 * trade durability for speed, listening on a Unix socket in that directory and, with `tcp`, on
 * PG_TCP_HOST at a free port (password logins only).
 */
export async function startPostgres(options: { tcp?: boolean } = {}): Promise<PgServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'rasoat-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const as = { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', HOME: dir } };
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '--locale=C', '-E', 'UTF8', '-U', 'postgres', '--auth=trust', '-N'], { ...as, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);
  writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.0/8 scram-sha-256\n');
  const tcp = options.tcp === true;
  const port = await freePort(PG_TCP_HOST);
  const settings = { listen_addresses: tcp ? PG_TCP_HOST : '', unix_socket_directories: dir, port: String(port), fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '60', shared_buffers: '32MB' };
  const args = ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child: ChildProcess = spawn(join(bin, 'postgres'), args, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = (database: string) => `postgresql://postgres@/${database}?host=${encodeURIComponent(dir)}&port=${port}`;
  const admin = new pg.Pool({ connectionString: url('postgres'), max: 2 });
  admin.on('error', () => {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await admin.query('select 1');
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await admin.end();
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  let databases = 0;
  return {
    socketDir: dir,
    port,
    tcp,
    url,
    async createDatabase(prefix = 'db', create = {}) {
      const name = `${prefix}_${process.pid}_${++databases}`;
      const clauses = [create.owner ? `owner "${create.owner}"` : '', create.icuLocale ? `template template0 locale_provider icu icu_locale '${create.icuLocale}'` : ''].join(' ');
      await admin.query(`create database "${name}" ${clauses}`);
      return url(name);
    },
    async query<R extends pg.QueryResultRow>(text: string, location?: string, values: unknown[] = []) {
      if (location === undefined) return (await admin.query<R>(text, values)).rows;
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await admin.end().catch(() => {});
      if (child.exitCode === null) {
        child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait for durability we do not need
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
