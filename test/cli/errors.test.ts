import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, expectNoStackTrace, isRoot, runCli, tempDir } from '../helpers/cli.js';

const env = cliEnv();

/** Every documented failure: one line on stderr, the documented exit code, no stack trace. */
async function failsWith(args: string[], code: number, pattern: RegExp): Promise<string> {
  const result = await runCli(args, env);
  expectNoStackTrace(result.stderr);
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^rasoat: /);
  expect(lines[0]).toMatch(pattern);
  return lines[0]!;
}

describe('bad input is a one-line error with exit code 2', () => {
  const dir = tempDir();
  const db = join(dir, 'h.db');

  it.concurrent.each([
    [['scan', '127.0.0'], /"127\.0\.0" is not a valid target/],
    [['scan', '127.0.0.1/33'], /prefix length/],
    [['scan', '127.0.0.50-1'], /end of the range is below its start/],
    [['scan', '127.0.0.0/8'], /16777216 addresses.*--allow-large/],
    [['scan', 'ftp://127.0.0.1/'], /only http:\/\/ and https:\/\//],
    [['scan', 'http://user:pw@127.0.0.1/'], /remove the user name and password/],
    [['scan'], /no targets given/],
    [['scan', '127.0.0.1', '-p', '70000'], /ports are numbers from 1 to 65535/],
    [['scan', '127.0.0.1', '-p', 'U:53'], /UDP scanning is not supported/],
    [['scan', '127.0.0.1', '--top-ports', '5000'], /ranks the 1000 most common ports/],
    [['scan', '127.0.0.1', '--only', 'nosuch'], /unknown scanner "nosuch"/],
    [['scan', '127.0.0.1', '--rate', 'fast'], /--rate fast: give a whole number/],
    [['scan', '127.0.0.1', '--resolve', 'portal.example'], /--resolve portal\.example: write NAME:ADDRESS/],
    [['scan', '127.0.0.1', '--lang', 'fr'], /--lang fr: choose vi or en/],
    [['show', 'yesterday'], /"yesterday" does not name an audit/],
    [['scan', '127.0.0.1', '--ca-file', '/nonexistent/agency-ca.pem'], /cannot read \/nonexistent\/agency-ca\.pem \(ENOENT\)/],
    [['scan', '127.0.0.1', '--ca-file', '/etc/hostname'], /holds no PEM certificate/],
    [['scan', '127.0.0.1', '--starttls', 'smtp-2525'], /--starttls smtp-2525: write PROTOCOL:PORT/],
    [['scan', '127.0.0.1', '--starttls', 'gopher:70'], /--starttls gopher:70: write PROTOCOL:PORT/],
    [['scan', '127.0.0.1', '--nmap-path', '/nonexistent/nmap'], /--nmap-path \/nonexistent\/nmap: no executable there; give the path of nmap, or --no-nmap/],
    [['scan', '127.0.0.1', '--rule-param', 'expiring-soon=60'], /--rule-param expiring-soon=60: write RULE\.PARAMETER=VALUE/],
    [['scan', '127.0.0.1', '--rule-param', 'tls.certificate.expiring-soon.weeks=8'], /rule tls\.certificate\.expiring-soon has no parameter weeks \(it has: days\)/],
    [['scan', '127.0.0.1', '--rule-param', 'tls.nosuch.rule.days=8'], /no rule tls\.nosuch\.rule to set parameters on/],
    [['scan', '127.0.0.1', '--cert-expiry-days', '0'], /--cert-expiry-days 0: give a whole number of at least 1/],
    [['scan', '127.0.0.1', '--tls-ports', '99999'], /ports are numbers from 1 to 65535/],
  ])('rasoat %j', async (args, pattern) => {
    await failsWith([...args, '--db', db], 2, pattern);
  });

  it('names the bad certificate in a CA file', async () => {
    const file = join(dir, 'broken-ca.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    await failsWith(['scan', '127.0.0.1', '--ca-file', file, '--db', db], 2, /certificate number 1 is not a valid X\.509 certificate/);
  });

  it('names the file and line of a malformed entry in a targets file', async () => {
    const file = join(dir, 'targets.yaml');
    writeFileSync(file, ['groups:', '  - agency: Sở Tài chính', '    targets:', '      - 127.0.0.1', '      - 300.1.2.3', ''].join('\n'));
    const line = await failsWith(['scan', '--targets', file, '--db', db], 2, /"300\.1\.2\.3" is not a valid target/);
    expect(line).toContain(`${file}:5:`);
  });

  it('names the file and line of a broken rule in a user rules directory', async () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    writeFileSync(join(rules, 'mine.yaml'), ['rules:', '  - id: mine.port.thing', '    reads: [port.open]', '    severity: catastrophic', ''].join('\n'));
    const line = await failsWith(['scan', '127.0.0.1', '--rules', rules, '--db', db], 2, /severity/);
    expect(line).toContain(`${join(rules, 'mine.yaml')}:4:`);
    const lint = await runCli(['rules', 'lint', rules], env);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain(`${join(rules, 'mine.yaml')}:4:`);
  });

  it('refuses to scan without an authorisation reference when the installation requires one', async () => {
    const result = await runCli(['scan', '127.0.0.1', '-p', '1', '--db', db], cliEnv({ RASOAT_REQUIRE_AUTHORIZATION: '1' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/requires an authorisation reference/);
  });
});

describe('a database that cannot be used is a one-line error with exit code 3, and is left untouched', () => {
  const dir = tempDir();

  it('a file that is not a database', async () => {
    const file = join(dir, 'garbage.db');
    const garbage = Buffer.from('this is not an sqlite file, it is somebody\u2019s notes\n'.repeat(200));
    writeFileSync(file, garbage);
    await failsWith(['scan', '127.0.0.1', '-p', '1', '--db', file], 3, /not a readable rasoat audit history.*rasoat has not changed it/);
    await failsWith(['audits', '--db', file], 3, /not a readable rasoat audit history/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('a damaged database (header intact, pages overwritten)', async () => {
    const file = join(dir, 'damaged.db');
    const ok = await runCli(['scan', '127.0.0.1', '-p', '1', '--db', file, '-q'], env);
    expect(ok.code, ok.stderr).toBe(0);
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 100, Math.min(bytes.length, 8192));
    writeFileSync(file, bytes);
    const before = readFileSync(file);
    const line = await failsWith(['audits', '--db', file], 3, /not a readable rasoat audit history|damaged|cannot open/);
    expect(line).toContain(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('an SQLite database that belongs to something else', async () => {
    const file = join(dir, 'other.db');
    const other = new Database(file);
    other.exec('create table invoices (id integer primary key, amount real)');
    other.close();
    const before = readFileSync(file);
    await failsWith(['scan', '127.0.0.1', '-p', '1', '--db', file], 3, /not a rasoat audit history; rasoat will not touch it/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a directory given as the database', async () => {
    await failsWith(['scan', '127.0.0.1', '-p', '1', '--db', dir], 3, /is a directory, not a database file/);
  });

  describe('a read-only location', () => {
    const mount = join(dir, 'ro');
    let mounted = false;
    afterAll(() => {
      if (mounted) execFileSync('umount', [mount]);
    });

    it('keeps the history it has and refuses to write', async () => {
      mkdirSync(mount);
      if (isRoot) {
        // root ignores file modes, so only a read-only file system really refuses a write.
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount]);
        mounted = true;
      }
      const file = join(mount, 'history.db');
      const first = await runCli(['scan', '127.0.0.1', '-p', '1', '--db', file, '-q'], env);
      expect(first.code, first.stderr).toBe(0);
      if (isRoot) execFileSync('mount', ['-o', 'remount,ro', mount]);
      else {
        chmodSync(file, 0o444);
        chmodSync(mount, 0o555);
      }
      const before = readFileSync(file);
      await failsWith(['scan', '127.0.0.1', '-p', '1', '--db', file], 3, /read-only|cannot open/);
      expect(readFileSync(file).equals(before)).toBe(true);
    });
  });
});
