import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { cronEntry, dueAfter, scheduleForLevel, systemdUnits } from '../../src/core/workflow/drill.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir } from '../helpers/cli.js';

describe('drill schedules (pure)', () => {
  it('follow the protection level: yearly at 1-2, 6-monthly at 3, quarterly at 4, monthly at 5', () => {
    expect([1, 2, 3, 4, 5, undefined].map(scheduleForLevel)).toEqual(['yearly', 'yearly', '6-monthly', 'quarterly', 'monthly', 'yearly']);
    expect(dueAfter('2026-01-15T08:00:00.000Z', 'quarterly')).toBe('2026-04-15T08:00:00.000Z');
    expect(cronEntry('quarterly', 'rasoat drill run x')).toBe('0 2 1 1,4,7,10 * rasoat drill run x');
    expect(systemdUnits('x', 'monthly', 'rasoat drill run x').timer).toContain('OnCalendar=*-*-01 02:00:00');
  });
});

// Loopback 127.0.120.0/24 only, never port 2024. The finance portal (level 3) has MySQL; the
// education server (level 5) has SSH-alt.
const FIN = '127.0.120.50';
const EDU = '127.0.120.51';
let mysql: ListenerSet | null = null;
let postgres: ListenerSet | null = null;
let ssh: ListenerSet;
beforeAll(async () => {
  mysql = await startListeners([{ host: FIN, port: 3306 }]);
  ssh = await startListeners([{ host: EDU, port: 2222 }]);
});
afterAll(async () => {
  await mysql?.close();
  await postgres?.close();
  await ssh.close();
});

interface RunJson {
  audit: number;
  previous: number | null;
  change: { new: string[]; fixed: string[]; unchanged: string[]; reopened: string[] } | null;
}

describe('rasoat drill', () => {
  const dir = tempDir();
  const env = cliEnv({ RASOAT_CONFIG: join(dir, 'config.yaml') });
  const db = join(dir, 'h.db');
  mkdirSync(join(dir, 'drills'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'db-ports.yaml'), "description: { vi: 'CSDL', en: 'DB' }\nscan: { only: [ports], ports: '2222,3306,5432' }\nrules: ['ports.*']\n");
  writeFileSync(join(dir, 'inventory.yaml'), `groups:\n  - agency: So Tai chinh\n    level: 3\n    targets: [${FIN}]\n  - agency: So Giao duc\n    level: 5\n    targets: [${EDU}]\n`);
  writeFileSync(join(dir, 'drills', 'province.yaml'), 'inventory: [../inventory.yaml]\nprofile: db-ports\nexcludePorts: "2024"\nauthorization: QD-1/2026\n');
  const run = async () => {
    const result = await runCli(['drill', 'run', 'province', '--json', '--db', db], env);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as RunJson;
  };

  it('lists never-audited groups as overdue, then on time after a run', async () => {
    const before = JSON.parse((await runCli(['drill', 'status', '--json', '--db', db], env)).stdout) as Array<{ agency: string; schedule: string; overdue: boolean }>;
    expect(before.map((g) => [g.agency, g.schedule, g.overdue])).toEqual([
      ['So Tai chinh', '6-monthly', true],
      ['So Giao duc', 'monthly', true],
    ]);
    const first = await run();
    expect(first.previous).toBeNull();
    const after = JSON.parse((await runCli(['drill', 'status', '--json', '--db', db], env)).stdout) as Array<{ overdue: boolean; lastAudit: string }>;
    expect(after.map((g) => g.overdue)).toEqual([false, false]);
    const text = await runCli(['drill', 'status', '--db', db, '--lang', 'vi'], env);
    expect(text.stdout).toMatch(/0 trên 2 nhóm mục tiêu/);
  });

  it('run twice with a change between shows new, fixed and reopened findings', async () => {
    await mysql!.close(); // MySQL closed, PostgreSQL opened on the finance portal
    mysql = null;
    postgres = await startListeners([{ host: FIN, port: 5432 }]);
    const second = await run();
    expect(second.change).toMatchObject({ new: [expect.any(String)], fixed: [expect.any(String)], unchanged: [expect.any(String)], reopened: [] });
    const fixedMysql = second.change!.fixed[0];

    mysql = await startListeners([{ host: FIN, port: 3306 }]); // MySQL is back
    const third = await run();
    expect(third.change!.reopened).toEqual([fixedMysql]);
    expect(third.change!.new).toEqual([fixedMysql]);
    expect(third.previous).toBe(second.audit);
  });

  it('refuses to run while another drill holds the lock, and takes over a stale one', async () => {
    const lock = `${db}.drill.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, drill: 'other' })); // a live process holds it
    const refused = await runCli(['drill', 'run', 'province', '--db', db], env);
    expectNoStackTrace(refused.stderr);
    expect(refused.code).toBe(3);
    expect(refused.stderr.trim()).toMatch(/^rasoat: drill "other" is already running \(process \d+\)/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 7, drill: 'dead' })); // no such process
    expect((await run()).audit).toBeGreaterThan(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('prints a crontab line and a systemd timer by the strictest level', async () => {
    const result = await runCli(['drill', 'schedule', 'province', '--db', db], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^0 2 1 \* \* .* drill run province --quiet$/m);
    expect(result.stdout).toContain('OnCalendar=*-*-01 02:00:00');
  });
});
