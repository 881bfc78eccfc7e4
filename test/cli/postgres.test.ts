import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { needsPostgres, PG_TCP_HOST, usePostgres } from '../helpers/postgres.js';

// Loopback 127.0.140.0/24 only (this file's range), never port 2024.
const HOST = '127.0.140.10';
const PORT = 2222;
const PASSWORD = 'Ch4ng3:me@pg/secret';
const ENCODED = encodeURIComponent(PASSWORD);

let listeners: ListenerSet;
beforeAll(async () => {
  listeners = await startListeners([{ host: HOST, port: PORT }]);
});
afterAll(() => listeners.close());

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, cliEnv(env));
const scan = (db: string, auditor = 'nguyen.an') => cli(['scan', HOST, '-p', String(PORT), '--only', 'ports', '--exclude-ports', '2024', '--auditor', auditor, '--authorization', 'QD-7/2026', '--db', db, '-q']);

function ok(run: CliResult): string {
  expectNoStackTrace(run.stderr);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** A failure: one line on stderr, no stack trace, no password, the given exit code. */
function oneLine(run: CliResult, code: number): string {
  expectNoStackTrace(run.stderr);
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr + run.stdout).not.toContain(PASSWORD);
  expect(run.stderr + run.stdout).not.toContain(ENCODED);
  return run.stderr.trim();
}

describe.skipIf(!needsPostgres())('rasoat with --db postgres://', () => {
  const server = usePostgres({ tcp: true });
  const nameOf = (url: string) => /\/([^/?]+)\?/.exec(url)![1]!;

  it('migrates, scans, lists, shows and reports from PostgreSQL (over the Unix socket)', async () => {
    const db = await server().createDatabase('cli');
    const migrated = ok(await cli(['db', 'migrate', '--db', db]));
    expect(migrated).toMatch(/^Applied 9 migration\(s\) to postgresql:\/\/postgres@\/cli_\d+_\d+\?host=.*: 001-init, 002-audit-order-indexes, .*, 008-feeds, 009-distributed\n$/);
    expect(ok(await cli(['db', 'migrate', '--db', db]))).toMatch(/is up to date \(9 migrations applied\)/);
    ok(await scan(db));
    ok(await scan(db, 'tran.binh'));
    const audits = JSON.parse(ok(await cli(['audits', '--json', '--db', db]))) as Array<{ id: number; auditor: string; status: string }>;
    expect(audits.map((a) => [a.id, a.auditor, a.status])).toEqual([
      [2, 'tran.binh', 'complete'],
      [1, 'nguyen.an', 'complete'],
    ]);
    expect(ok(await cli(['show', 'latest', '--db', db]))).toContain(HOST);
    const report = JSON.parse(ok(await cli(['report', '1', '--format', 'json', '--db', db]))) as { audit: { id: number }; targets: Array<{ host: string }> };
    expect(report.audit.id).toBe(1);
    expect(report.targets.map((t) => t.host)).toEqual([HOST]);
    expect(ok(await cli(['diff', '1', '2', '--db', db]))).toBeTruthy();
    expect(ok(await cli(['audits', 'verify-trail', '--db', db]))).toMatch(/intact: 2 record/);
    expect(ok(await cli(['trend', '--db', db]))).toBeTruthy();
    expect(ok(await cli(['feeds', 'status', '--db', db]))).toContain('postgresql://postgres@/');
    expect(ok(await cli(['rejudge', '1', '--db', db]))).toBeDefined();
    const findings = JSON.parse(ok(await cli(['findings', '--json', '--db', db]))) as Array<{ fingerprint: string }>;
    expect(findings.length).toBeGreaterThan(0);
    ok(await cli(['findings', 'accept', findings[0]!.fingerprint, '--reason', 'bastion', '--by', 'le.chi', '--db', db]));
    expect(ok(await cli(['audits', 'verify-trail', '--db', db]))).toMatch(/intact: 3 record/);
  }, 120_000);

  it('copies an SQLite history into PostgreSQL once: the second run copies nothing, the copy reads the same', async () => {
    const file = join(tempDir(), 'history.db');
    ok(await scan(file));
    ok(await scan(file, 'tran.binh'));
    const fingerprint = (JSON.parse(ok(await cli(['findings', '--json', '--db', file]))) as Array<{ fingerprint: string }>)[0]!.fingerprint;
    ok(await cli(['findings', 'false-positive', fingerprint, '--reason', 'lab host', '--by', 'le.chi', '--db', file]));
    const db = await server().createDatabase('copy');

    const first = await cli(['db', 'copy', '--from', file, '--to', db]);
    expect(ok(first)).toMatch(/^Copied 2 audit\(s\) from .*history\.db to postgresql:\/\/postgres@\/copy_\d+_\d+\?host=\S+, skipped 0 already present; [\d,]+ rows, 0 feed\(s\), 4 trail record\(s\) in [\d.]+ s\.\n$/);
    expect(first.stderr).toMatch(/audit 1\/2 \S+: copied\naudit 2\/2 \S+: copied\n/);
    const second = await cli(['db', 'copy', '--from', file, '--to', db]);
    expect(ok(second)).toMatch(/^Copied 0 audit\(s\) .* skipped 2 already present; 0 rows, 0 feed\(s\), 0 trail record\(s\)/);

    for (const args of [['show', '2', '--all'], ['report', '2', '--format', 'json'], ['report', '2', '--compare', '1', '--format', 'md'], ['findings', '--json']]) {
      // "judged on <now>" names the minute the report was written: the two runs may straddle one.
      const judgedNow = (text: string) => text.replace(/judged on \d+ \w+ \d{4} \d\d:\d\d/g, 'judged on <now>');
      expect(judgedNow(ok(await cli([...args, '--db', db]))), args.join(' ')).toBe(judgedNow(ok(await cli([...args, '--db', file]))));
    }
    const trail = ok(await cli(['audits', 'verify-trail', '--db', db]));
    expect(trail).toMatch(/intact: 4 record/);

    // And back, into a new file: the copies are recognised as what they copied.
    const back = join(tempDir(), 'back.db');
    expect(ok(await cli(['db', 'copy', '--from', db, '--to', back, '-q']))).toMatch(/^Copied 2 audit\(s\)/);
    expect(ok(await cli(['db', 'copy', '--from', file, '--to', back, '-q']))).toMatch(/^Copied 0 audit\(s\) .* 0 trail record\(s\)/);
    expect(ok(await cli(['report', '2', '--format', 'json', '--db', back]))).toBe(ok(await cli(['report', '2', '--format', 'json', '--db', file])));
    expect(oneLine(await cli(['db', 'copy', '--from', file, '--to', file]), 2)).toMatch(/--from and --to name the same history/);
  }, 120_000);

  it('never stores or shows the password of a --db URL', async () => {
    await server().query(`create role auditor login password '${PASSWORD}'`);
    const name = nameOf(await server().createDatabase('secret', { owner: 'auditor' }));
    const url = `postgres://auditor:${ENCODED}@${PG_TCP_HOST}:${server().port}/${name}`;
    ok(await scan(url));
    const audits = ok(await cli(['audits', '--db', url]));
    expect(audits).not.toContain(ENCODED);
    const dump = await server().query<{ t: string }>(
      "select string_agg(t::text, ' ') as t from (select row_to_json(a)::text as t from audits a union all select row_to_json(x)::text from audit_trail x union all select row_to_json(o)::text from observations o union all select row_to_json(f)::text from findings f) rows",
      server().url(name),
    );
    expect(dump[0]!.t).toContain('--db postgres://auditor:***@');
    expect(dump[0]!.t).not.toContain(ENCODED);
    expect(dump[0]!.t).not.toContain(PASSWORD);
    // PGPASSWORD instead of the URL.
    expect(ok(await cli(['audits', '--db', `postgres://auditor@${PG_TCP_HOST}:${server().port}/${name}`], { PGPASSWORD: PASSWORD }))).toContain('QD-7/2026');
  }, 60_000);

  it('runs drills (one at a time, on any machine), verify and feeds import against PostgreSQL', async () => {
    const db = await server().createDatabase('drill');
    const dir = tempDir();
    mkdirSync(join(dir, 'drills'));
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(join(dir, 'profiles', 'p.yaml'), `description: { vi: 'P', en: 'P' }\nscan: { only: [ports], ports: '${PORT}' }\nrules: ['ports.*']\n`);
    writeFileSync(join(dir, 'inventory.yaml'), `groups:\n  - agency: So Tai chinh\n    level: 3\n    targets: [${HOST}]\n`);
    writeFileSync(join(dir, 'drills', 'province.yaml'), 'inventory: [../inventory.yaml]\nprofile: p\nexcludePorts: "2024"\nauthorization: QD-1/2026\n');
    const env = { RASOAT_CONFIG: join(dir, 'config.yaml') };
    const run = JSON.parse(ok(await cli(['drill', 'run', 'province', '--json', '--db', db], env))) as { audit: number };
    expect(run.audit).toBe(1);
    expect(JSON.parse(ok(await cli(['drill', 'status', '--json', '--db', db], env)))).toHaveLength(1);

    // Another machine's run holds the lock: the server tells who.
    const other = new pg.Client({ connectionString: db, application_name: 'rasoat drill 4242 audit-02 manual' });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock(1918989153, 2)');
      const refused = oneLine(await cli(['drill', 'run', 'province', '--db', db], env), 3);
      expect(refused).toMatch(/^rasoat: drill "manual" is already running against postgresql:\/\/postgres@\/drill_\d+_\d+\?host=\S+ \(process 4242 on audit-02\)/);
    } finally {
      await other.end();
    }
    expect(ok(await cli(['drill', 'run', 'province', '--quiet', '--db', db], env))).toBe('');

    // A scheduled run never carries a password in its command line.
    const withPassword = `postgres://auditor:${ENCODED}@${PG_TCP_HOST}:${server().port}/x`;
    expect(oneLine(await cli(['drill', 'schedule', 'province', '--db', withPassword], env), 2)).toMatch(/the --db URL holds a password/);
    const schedule = ok(await cli(['drill', 'schedule', 'province', '--format', 'cron', '--db', `postgres://auditor@${PG_TCP_HOST}:${server().port}/x`], env));
    expect(schedule).toContain(`--db postgres://auditor@${PG_TCP_HOST}:${server().port}/x drill run province --quiet`);
    writeFileSync(env.RASOAT_CONFIG, `db: "${withPassword}"\n`);
    expect(ok(await cli(['drill', 'schedule', 'province', '--format', 'cron'], env))).not.toContain('--db');

    const failing = JSON.parse(ok(await cli(['findings', '--json', '--db', db]))) as Array<{ fingerprint: string }>;
    const verified = await cli(['verify', failing[0]!.fingerprint, '--json', '--db', db]);
    expectNoStackTrace(verified.stderr);
    expect([0, 1]).toContain(verified.code);
    const kev = join(dir, 'kev.json');
    writeFileSync(kev, JSON.stringify({ catalogVersion: '2026.01.01', dateReleased: '2026-01-01T00:00:00Z', vulnerabilities: [{ cveID: 'CVE-2024-6387', vendorProject: 'OpenBSD', product: 'OpenSSH', vulnerabilityName: 'regreSSHion', dateAdded: '2024-07-09', shortDescription: 'x', requiredAction: 'x', dueDate: '2024-07-30', knownRansomwareCampaignUse: 'Unknown' }] }));
    expect(ok(await cli(['feeds', 'import', kev, '--db', db]))).toMatch(/^kev +kev\.json: 1 records/);
    expect(ok(await cli(['feeds', 'status', '--db', db]))).toMatch(/kev +kev\.json +2026\.01\.01/);
    expect(ok(await cli(['audits', 'verify-trail', '--db', db]))).toMatch(/intact/);
  }, 120_000);

  it('says in one line what is wrong: no server, no database, a wrong password', async () => {
    const refused = oneLine(await cli(['audits', '--db', `postgres://auditor:${ENCODED}@127.0.140.2:5999/rasoat`]), 3);
    expect(refused).toMatch(/^rasoat: cannot reach the PostgreSQL server of postgres:\/\/auditor:\*\*\*@127\.0\.140\.2:5999\/rasoat \(.*ECONNREFUSED.*\): start the server/);
    const missing = oneLine(await cli(['scan', HOST, '-p', String(PORT), '--db', server().url('absent_db'), '-q']), 3);
    expect(missing).toMatch(/^rasoat: the database of postgresql:\/\/postgres@\/absent_db\?host=\S+ does not exist on its server: create it first/);
    const wrong = oneLine(await cli(['show', 'latest', '--db', `postgres://auditor:wrong-${ENCODED}@${PG_TCP_HOST}:${server().port}/postgres`]), 3);
    expect(wrong).toMatch(/^rasoat: the PostgreSQL server refused the login to postgres:\/\/auditor:\*\*\*@127\.0\.140\.1:\d+\/postgres \(password authentication failed for user "auditor"\)/);
    const vi = oneLine(await cli(['audits', '--db', `postgres://auditor:${ENCODED}@127.0.140.2:5999/rasoat`], { RASOAT_LANG: 'vi' }), 3);
    expect(vi).toMatch(/^rasoat: không kết nối được máy chủ PostgreSQL của postgres:\/\/auditor:\*\*\*@/);
  }, 60_000);
});
