import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { debianRegresshion, ubuntuRegresshion } from '../../fixtures/feeds/osv-samples.js';
import { zipArchive } from '../../fixtures/feeds/zip-writer.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir } from '../helpers/cli.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = process.env.RASOAT_SHARED_DATA ?? join(projectRoot, '..', 'shared', 'data');
const env = cliEnv();

interface StatusRow {
  source: string;
  name: string;
  version: string | null;
  dataDate: string | null;
  records: number;
  ageDays: number;
  stale: boolean;
}

async function status(db: string, ...args: string[]): Promise<StatusRow[]> {
  const result = await runCli(['feeds', 'status', '--json', '--db', db, ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as StatusRow[];
}

/** Counts made here from the files themselves, independently of the parsers. */
function expectedCounts() {
  const retire = JSON.parse(readFileSync(join(SHARED, 'retirejs', 'jsrepository-v4.json'), 'utf8')) as Record<string, { vulnerabilities?: unknown[]; extractors?: Record<string, unknown> }>;
  const libraries = Object.entries(retire).filter(([name]) => name !== 'dont check' && name !== 'retire-example');
  const products = readdirSync(join(SHARED, 'endoflife', 'products')).filter((f) => f.endsWith('.yaml'));
  const releaseFiles = readdirSync(join(SHARED, 'endoflife', 'release-data')).filter((f) => f.endsWith('.json'));
  return {
    retirejs: libraries.reduce((n, [, l]) => n + (l.vulnerabilities?.length ?? 0), 0) + libraries.filter(([, l]) => l.extractors && ['filename', 'uri', 'filecontent', 'hashes'].some((k) => k in l.extractors!)).length,
    cycles: products.reduce((n, f) => n + (parse(readFileSync(join(SHARED, 'endoflife', 'products', f), 'utf8')) as { releases: unknown[] }).releases.length, 0),
    releases: releaseFiles.reduce((n, f) => n + Object.keys((JSON.parse(readFileSync(join(SHARED, 'endoflife', 'release-data', f), 'utf8')) as { versions: object }).versions).length, 0),
  };
}

describe.skipIf(!existsSync(SHARED))('rasoat feeds import: the real public samples', () => {
  const db = join(tempDir('rasoat-feeds-cli-'), 'history.db');
  const kev = join(SHARED, 'cisa-kev', 'known_exploited_vulnerabilities.json');

  it('imports KEV, retire.js and every endoflife.date product and release file, one line per feed', async () => {
    const result = await runCli(['feeds', 'import', kev, join(SHARED, 'retirejs', 'jsrepository-v4.json'), join(SHARED, 'endoflife', 'products'), join(SHARED, 'endoflife', 'release-data'), '--db', db], env);
    expect(result.code, result.stderr).toBe(0);
    const expected = expectedCounts();
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(lines[0]).toMatch(new RegExp(`^kev +known_exploited_vulnerabilities\\.json: 1,404 records in [\\d.]+ s \\([\\d,]+ records/s\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^retirejs +jsrepository-v4\\.json: ${fmt(expected.retirejs)} records in`));
    expect(lines[2]).toMatch(new RegExp(`^endoflife +products: ${fmt(expected.cycles)} records in`));
    expect(lines[3]).toMatch(new RegExp(`^endoflife-releases +release-data: ${fmt(expected.releases)} records in`));

    const rows = await status(db);
    expect(rows.map((r) => [r.source, r.name, r.records])).toEqual([
      ['endoflife', 'products', expected.cycles],
      ['endoflife-releases', 'release-data', expected.releases],
      ['kev', 'known_exploited_vulnerabilities.json', 1404],
      ['retirejs', 'jsrepository-v4.json', expected.retirejs],
    ]);
    const kevRow = rows.find((r) => r.source === 'kev')!;
    expect([kevRow.version, kevRow.dataDate]).toEqual(['2025.08.25', '2025-08-25']);
  });

  it('shows the table with age and STALE for data older than the limit', async () => {
    const table = await runCli(['feeds', 'status', '--db', db], env);
    expect(table.code).toBe(0);
    const [header, , ...rows] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^Source +Name +Version +Data date +Imported +Records +Age \(d\) +Status$/);
    // The catalogue of 2025-08-25 is past the 30 days allowed for KEV whenever this runs.
    expect(rows.find((r) => r.startsWith('kev '))).toMatch(/^kev +known_exploited_vulnerabilities\.json +2025\.08\.25 +2025-08-25 +\d{4}-\d{2}-\d{2} +1,404 +\d+ +STALE$/);
    expect(table.stdout).toMatch(/feed\(s\) older than their limit/);
    const lenient = await status(db, '--max-age-days', '100000');
    expect(lenient.filter((r) => r.stale)).toEqual([]);
    const strict = await status(db, '--max-age-days', '0');
    expect(strict.find((r) => r.source === 'kev')!.stale).toBe(true);
  });

  it('replaces a feed on re-import (same source and name) and records each import in the audit trail', async () => {
    const again = await runCli(['feeds', 'import', kev, '--db', db], env);
    expect(again.code, again.stderr).toBe(0);
    const rows = await status(db);
    expect(rows.filter((r) => r.source === 'kev').map((r) => r.records)).toEqual([1404]);
    const trail = await runCli(['audits', 'verify-trail', '--db', db], env);
    expect(trail.code).toBe(0);
    expect(trail.stdout).toContain('5 record(s)');
  });
});

describe('rasoat feeds import and status', () => {
  const dir = tempDir('rasoat-feeds-cli-');
  const db = join(dir, 'history.db');

  it('imports an OSV all.zip (created database and all) and names it with its folder', async () => {
    mkdirSync(join(dir, 'Debian'));
    writeFileSync(join(dir, 'Debian', 'all.zip'), zipArchive([{ name: 'DSA-5724-1.json', content: JSON.stringify(debianRegresshion()) }, { name: 'USN-6859-1.json', content: JSON.stringify(ubuntuRegresshion()) }]));
    expect(existsSync(db)).toBe(false);
    const result = await runCli(['feeds', 'import', join(dir, 'Debian', 'all.zip'), '--db', db], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^osv +Debian\/all\.zip: 2 records in [\d.]+ s/);
    expect((await status(db)).map((r) => [r.source, r.name, r.version, r.records])).toEqual([['osv', 'Debian/all.zip', '2024-07-02T08:00:00Z', 2]]);
  });

  it('refuses a broken file in one line with exit 2 and keeps the copy imported before', async () => {
    const file = join(dir, 'usn.json');
    writeFileSync(file, JSON.stringify([debianRegresshion(), ubuntuRegresshion()]));
    expect((await runCli(['feeds', 'import', file, '--db', db], env)).code).toBe(0);
    writeFileSync(file, JSON.stringify([debianRegresshion(), { ...ubuntuRegresshion(), modified: 7 }]));
    const broken = await runCli(['feeds', 'import', file, '--db', db], env);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim().split('\n')).toEqual([`rasoat: ${file}: [1].modified: Invalid input: expected string, received number: not a valid osv feed; use the file as published, or name its format with --type`]);
    expectNoStackTrace(broken.stderr);
    expect((await status(db)).find((r) => r.name === 'usn.json')!.records).toBe(2);
  });

  it('creates no database when the only file given is broken', async () => {
    const other = join(tempDir('rasoat-feeds-cli-'), 'h.db');
    const file = join(dir, 'cut.json');
    writeFileSync(file, '{"catalogVersion": "2025.01.01", "vulnerabilities": [');
    const result = await runCli(['feeds', 'import', file, '--db', other], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cut\.json: not valid JSON/);
    expect(existsSync(other)).toBe(false);
  });

  it('asks for --type when the content is no known feed, and refuses an unknown --type', async () => {
    const file = join(dir, 'mystery.json');
    writeFileSync(file, '{"hello": "world"}');
    const unknown = await runCli(['feeds', 'import', file, '--db', db], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--type kev|osv|retirejs|endoflife|endoflife-releases');
    const badType = await runCli(['feeds', 'import', file, '--type', 'nvd', '--db', db], env);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain("'nvd' is invalid");
  });

  it('status: says so when nothing was imported, and treats a damaged database like every command', async () => {
    const none = await runCli(['feeds', 'status', '--db', join(dir, 'nothing.db')], env);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no feeds imported');
    expect(existsSync(join(dir, 'nothing.db'))).toBe(false);
    writeFileSync(join(dir, 'junk.db'), 'this is not SQLite '.repeat(100));
    const junk = await runCli(['feeds', 'status', '--db', join(dir, 'junk.db')], env);
    expect(junk.code).toBe(3);
    expect(junk.stderr).toContain('is not a readable rasoat audit history');
    expectNoStackTrace(junk.stderr);
    const badAge = await runCli(['feeds', 'status', '--max-age-days', 'soon', '--db', db], env);
    expect(badAge.code).toBe(2);
    expect(badAge.stderr).toContain('--max-age-days soon: give a whole number of at least 0');
  });

  it('imports into no damaged database (exit 3, file untouched)', async () => {
    const junk = join(dir, 'junk-import.db');
    writeFileSync(junk, 'this is not SQLite '.repeat(100));
    const file = join(dir, 'dsa.json');
    writeFileSync(file, JSON.stringify(debianRegresshion()));
    const result = await runCli(['feeds', 'import', file, '--db', junk], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('is not a readable rasoat audit history');
    expect(readFileSync(junk, 'utf8')).toBe('this is not SQLite '.repeat(100));
  });

  it('speaks Vietnamese when asked', async () => {
    const result = await runCli(['feeds', 'status', '--db', db], cliEnv({ RASOAT_LANG: 'vi' }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Nguồn +Tên +Phiên bản +Ngày dữ liệu/);
  });
});
