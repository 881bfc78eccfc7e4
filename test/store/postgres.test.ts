import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixtureAudit } from '../../fixtures/reports/audit.js';
import { StoreError } from '../../src/core/errors.js';
import { t } from '../../src/i18n/t.js';
import { Store } from '../../src/store/store.js';
import { needsPostgres, PG_TCP_HOST, usePostgres } from '../helpers/postgres.js';

const PASSWORD = 'Pa55:w@rd/s3cret';
const encoded = encodeURIComponent(PASSWORD);

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The StoreError an open fails with, checked to be one line in both languages and free of the password. */
async function openError(location: string, readonly = false): Promise<StoreError> {
  const error = await Store.open(location, { readonly }).then(
    async (store) => {
      await store.close();
      throw new Error(`${location} opened`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  const store = error as StoreError;
  for (const lang of ['en', 'vi'] as const) {
    const line = t(lang, store.messageId, store.params);
    expect(line).not.toContain('\n');
    expect(line).not.toContain(PASSWORD);
    expect(line).not.toContain(encoded);
  }
  return store;
}

describe.skipIf(!needsPostgres())('a PostgreSQL history', () => {
  const server = usePostgres({ tcp: true });
  const tcpUrl = (database: string, password = encoded) => `postgres://auditor:${password}@${PG_TCP_HOST}:${server().port}/${database}`;

  it('is reached over TCP with a password, shown and stored without it', async () => {
    await server().query(`create role auditor login password '${PASSWORD}'`);
    await server().createDatabase('tcp', { owner: 'auditor' }).then(async (socketUrl) => {
      const name = /\/([^/?]+)\?/.exec(socketUrl)![1]!;
      const store = await Store.open(tcpUrl(name), { readonly: false });
      try {
        expect(store.path).toBe(`postgres://auditor:***@${PG_TCP_HOST}:${server().port}/${name}`);
        const id = await store.createAudit({ ...fixtureAudit().audit, command: 'scan x' }, []);
        const missing = (await store.getAudit('999').catch((e: unknown) => e)) as Error;
        expect(missing.message).toContain(store.path);
        expect(missing.message).not.toContain(encoded);
        expect(id).toBe(1);
      } finally {
        await store.close();
      }
      // libpq's variables: the password from PGPASSWORD, the URL without one.
      process.env.PGPASSWORD = PASSWORD;
      try {
        const again = await Store.open(`postgres://auditor@${PG_TCP_HOST}:${server().port}/${name}`, { readonly: true });
        expect(await again.countAudits()).toBe(1);
        await again.close();
      } finally {
        delete process.env.PGPASSWORD;
      }
    });
  });

  it('takes a Unix socket as ?host=/dir or as a percent-encoded host, as libpq does', async () => {
    const name = /\/([^/?]+)\?/.exec(await server().createDatabase('socket'))![1]!;
    const dir = server().socketDir;
    for (const url of [`postgresql://postgres@/${name}?host=${dir}&port=${server().port}`, `postgresql://postgres@${encodeURIComponent(dir)}:${server().port}/${name}`]) {
      const store = await Store.open(url, { readonly: false });
      expect(await store.countAudits()).toBe(0);
      await store.close();
    }
  });

  it('orders text byte by byte even in a database of another collation (ICU en-US)', async () => {
    const url = await server().createDatabase('icu', { icuLocale: 'en-US' });
    const store = await Store.open(url, { readonly: false });
    try {
      const id = await store.createAudit({ ...fixtureAudit().audit }, []);
      const hosts = ['b.example', 'A.example', '_x.example', 'a.example', 'B.example'];
      await store.write(id, { targets: hosts.map((host) => ({ host, kind: 'name', urls: [], ports: [], explicit: true, up: true })), tasks: [], observations: [], findings: [] });
      expect((await store.targets(id)).map((x) => x.host)).toEqual(['A.example', 'B.example', '_x.example', 'a.example', 'b.example']);
      // The database's own order is not bytes: its plain comparisons put 'a' before 'B'.
      expect(await server().query("select 'a' < 'B' as icu", url)).toEqual([{ icu: true }]);
    } finally {
      await store.close();
    }
  });

  it('names a wrong or missing password, a missing database, a server not there, in one line', async () => {
    expect((await openError(tcpUrl('postgres', 'wrong-password'))).messageId).toBe('store.pg.auth');
    expect((await openError(`postgres://auditor@${PG_TCP_HOST}:${server().port}/postgres`)).messageId).toBe('store.pg.auth');
    const missing = await openError(`${server().url('no_such_db')}`);
    expect(missing.messageId).toBe('store.pg.noDatabase');
    expect(missing.message).toMatch(/the database of postgresql:\/\/postgres@\/no_such_db\?host=.* does not exist/);
    const refused = await openError(`postgres://auditor:${encoded}@127.0.140.2:${await freePort('127.0.140.2')}/db`);
    expect(refused.messageId).toBe('store.pg.unreachable');
    expect(refused.message).toContain('postgres://auditor:***@127.0.140.2:');
    expect((await openError(`postgresql://postgres@/db?host=${encodeURIComponent(server().socketDir)}/gone`)).messageId).toBe('store.pg.unreachable');
  });

  it('names a missing permission, a database not rasoat\'s, an older schema opened read-only', async () => {
    const url = await server().createDatabase('denied');
    await server().query('create role reader login; revoke create on schema public from public', url);
    expect((await openError(url.replace('postgres@', 'reader@'))).messageId).toBe('store.pg.denied');
    const foreign = await server().createDatabase('foreign');
    await server().query('create table invoices (id int)', foreign);
    expect((await openError(foreign)).messageId).toBe('store.pg.notRasoat');
    const empty = await server().createDatabase('empty');
    expect((await openError(empty, true)).messageId).toBe('store.missing');
  });
});
