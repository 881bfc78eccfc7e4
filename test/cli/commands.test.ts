import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir } from '../helpers/cli.js';

// 127.0.63.1 has MySQL (high) and SSH-alt 2222 (low); 127.0.63.2 has nothing.
const HOST = '127.0.63.1';
let listeners: ListenerSet;
beforeAll(async () => {
  listeners = await startListeners([
    { host: HOST, port: 3306 },
    { host: HOST, port: 2222 },
  ]);
});
afterAll(() => listeners.close());

const PORTS = ['-p', '2222,3306,5432', '--exclude-ports', '2024'];

describe('--fail-on', () => {
  const db = join(tempDir(), 'h.db');
  it('exits 1 when a failure is at least that severe, 0 otherwise', async () => {
    expect((await runCli(['scan', HOST, ...PORTS, '--db', db, '-q', '--fail-on', 'high'], cliEnv())).code).toBe(1);
    expect((await runCli(['scan', HOST, ...PORTS, '--db', db, '-q', '--fail-on', 'critical'], cliEnv())).code).toBe(0);
    expect((await runCli(['scan', '127.0.63.2', ...PORTS, '--db', db, '-q', '--fail-on', 'low'], cliEnv())).code).toBe(0);
    expect((await runCli(['show', 'latest~2', '--db', db, '--fail-on', 'low'], cliEnv())).code).toBe(1);
  });
});

describe('names, pins and IPv6', () => {
  const db = join(tempDir(), 'h.db');
  it('scans a host name pinned with --resolve, and records it under its name', async () => {
    const result = await runCli(['scan', 'portal.so-tai-chinh.example', '--resolve', `portal.so-tai-chinh.example:${HOST}`, ...PORTS, '--db', db, '--json', '-q'], cliEnv());
    expect(result.code, result.stderr).toBe(0);
    const audit = JSON.parse(result.stdout) as { targets: Array<{ host: string; address: string }>; observations: Array<{ kind: string; host: string; port: number }> };
    expect(audit.targets).toMatchObject([{ host: 'portal.so-tai-chinh.example', address: HOST }]);
    expect(audit.observations.filter((o) => o.kind === 'port.open').map((o) => `${o.host}:${o.port}`)).toEqual(['portal.so-tai-chinh.example:2222', 'portal.so-tai-chinh.example:3306']);
  });

  it('refuses a name whose pinned address is excluded, with exit 0 and one warning line', async () => {
    // No DNS here either: the name is pinned, and its address excluded. (A name that does not
    // resolve at all is tested in-process with an injected resolver, test/core/run-audit.test.ts.)
    const result = await runCli(['scan', 'old.example.gov.vn', '--resolve', 'old.example.gov.vn:127.0.63.9', '--exclude', '127.0.63.9', ...PORTS, '--db', db], cliEnv());
    expectNoStackTrace(result.stderr);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/rasoat: old\.example\.gov\.vn: old\.example\.gov\.vn \(127\.0\.63\.9\) is excluded from this audit/);
    expect(result.stdout).toMatch(/1 host\(s\) \(0 up, 1 down\)/);
  });

  it('scans IPv6 loopback', async () => {
    const v6 = await startListeners([{ host: '::1', port: 45678 }]);
    try {
      const result = await runCli(['scan', '::1', '-p', '45677-45679', '--db', db, '--json', '-q'], cliEnv());
      expect(result.code, result.stderr).toBe(0);
      const audit = JSON.parse(result.stdout) as { observations: Array<{ kind: string; host: string; port: number; data: Record<string, unknown> }> };
      expect(audit.observations.filter((o) => o.kind === 'port.open').map((o) => `[${o.host}]:${o.port}`)).toEqual(['[::1]:45678']);
      expect(audit.observations.find((o) => o.kind === 'port.summary')?.data).toMatchObject({ open: 1, closed: 2 });
    } finally {
      await v6.close();
    }
  });
});

describe('rejudge', () => {
  it("applies today's rules to stored facts without sending a packet", async () => {
    const dir = tempDir();
    const db = join(dir, 'h.db');
    const scan = await runCli(['scan', HOST, ...PORTS, '--db', db, '-q'], cliEnv());
    expect(scan.code).toBe(0);
    const before = listeners.connections(HOST, 3306);

    const rules = join(dir, 'rules');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'local.yaml'),
      [
        'rules:',
        '  - id: local.port.ssh-alt-exposed',
        '    reads: [port.open, port.summary]',
        '    severity: medium',
        '    category: ports',
        '    title: { vi: "Không mở SSH cổng phụ", en: "No SSH on the alternate port" }',
        '    failureTitle: { vi: "SSH cổng phụ {port}", en: "SSH on alternate port {port}" }',
        '    description: { vi: "Cổng phụ.", en: "Alternate port." }',
        '    remediation: { vi: "Đóng cổng.", en: "Close it." }',
        '    match: { kind: port.open, where: { port: 2222 } }',
        '    assessable: { kind: port.summary, where: { scanned: { portsAll: [2222] } } }',
        '    key: [port]',
        '',
      ].join('\n'),
    );
    const rejudged = await runCli(['rejudge', 'latest', '--rules', rules, '--db', db], cliEnv());
    expect(rejudged.code, rejudged.stderr).toBe(0);
    expect(rejudged.stdout).toMatch(/1 new failures/);
    expect(listeners.connections(HOST, 3306)).toBe(before);

    const show = await runCli(['show', 'latest', '--db', db], cliEnv());
    expect(show.stdout).toMatch(/MEDIUM\s+127\.0\.63\.1\s+2222\s+SSH on alternate port 2222\s+local\.port\.ssh-alt-exposed/);
  });
});

describe('language and configuration', () => {
  it('speaks Vietnamese with --lang vi, and follows the locale', async () => {
    const db = join(tempDir(), 'h.db');
    expect((await runCli(['scan', HOST, ...PORTS, '--db', db, '-q'], cliEnv())).code).toBe(0);
    const vi = await runCli(['show', 'latest', '--db', db, '--lang', 'vi'], cliEnv());
    expect(vi.stdout).toMatch(/Lần rà soát #1: hoàn tất/);
    expect(vi.stdout).toMatch(/CAO\s+127\.0\.63\.1\s+3306\s+Cổng cơ sở dữ liệu mysql đang mở trên cổng 3306/);
    const byLocale = await runCli(['audits', '--db', db], cliEnv({ RASOAT_LANG: '', LANG: 'vi_VN.UTF-8' }));
    expect(byLocale.stdout).toMatch(/hoàn tất/);
  });

  it('takes the database, the rules and the authorisation requirement from the config file', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.yaml');
    writeFileSync(config, [`db: ${join(dir, 'from-config.db')}`, 'requireAuthorization: true', 'auditor: Đội kiểm tra PA05', ''].join('\n'));
    const refused = await runCli(['scan', HOST, ...PORTS], cliEnv({ RASOAT_CONFIG: config }));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/requires an authorisation reference/);
    const ok = await runCli(['scan', HOST, ...PORTS, '--authorization', '45/QĐ-CAT', '-q'], cliEnv({ RASOAT_CONFIG: config }));
    expect(ok.code, ok.stderr).toBe(0);
    const shown = await runCli(['show', 'latest', '--db', join(dir, 'from-config.db')], cliEnv());
    expect(shown.stdout).toMatch(/Auditor: Đội kiểm tra PA05 .*authorisation: 45\/QĐ-CAT/);
  });

  it('rejects a broken config file with its line', async () => {
    const config = join(tempDir(), 'config.yaml');
    writeFileSync(config, ['lang: vi', 'requireAuthorisation: yes', ''].join('\n'));
    const result = await runCli(['audits'], cliEnv({ RASOAT_CONFIG: config }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${config}:2:`);
  });
});
