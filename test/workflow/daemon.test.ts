import type { ChildProcess } from 'node:child_process';
import { Cron } from 'croner';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import type { CliContext } from '../../src/cli/context.js';
import { DrillDaemon, type RunDrill } from '../../src/cli/drill-daemon.js';
import { systemClock } from '../../src/core/clock.js';
import { BusyError } from '../../src/core/errors.js';
import { cronExpression, type Drill } from '../../src/core/workflow/drill.js';
import { cliEnv, collect, expectNoStackTrace, runCli, spawnCli, tempDir } from '../helpers/cli.js';

// Loopback 127.0.121.0/24 only, never port 2024: the education office (level 5) has MySQL open;
// the portal has a web server that accepts connections and never answers (a drill that cannot end
// by itself: its HTTP probe waits out a 10-minute timeout unless interrupted).
const EDU = '127.0.121.60';
const PORTAL = '127.0.121.61';
let listeners: ListenerSet;
beforeAll(async () => {
  listeners = await startListeners([
    { host: EDU, port: 3306 },
    { host: PORTAL, port: 8080 },
  ]);
});
afterAll(async () => {
  await listeners.close();
});

/** Resolves with everything printed so far once `pattern` has appeared on the child's stdout. */
function waitForStdout(child: ChildProcess, pattern: RegExp, timeoutMs = 45_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} on stdout; got: ${seen}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}

describe('the daemon scheduler (in process, no network)', () => {
  it('runs one drill at a time, gives each its turn, logs a skip, and stops cleanly', async () => {
    let log = '';
    const ctx = { lang: 'en', version: 'test', clock: systemClock, stdout: { write: (text: string) => ((log += text), true) } } as unknown as CliContext;
    const drill = (name: string) => ({ name, file: `${name}.yaml`, inventory: [], profile: 'quick' }) as Drill;
    let active = 0;
    let most = 0;
    const started: string[] = [];
    let enough: () => void = () => {};
    const fourRuns = new Promise<void>((resolve) => (enough = resolve));
    const run: RunDrill = async (d, signal) => {
      started.push(d.name);
      if (started.length >= 4) enough();
      if (d.name === 'locked') throw new BusyError('drill.locked', { drill: 'other', pid: 1, path: 'x.lock' });
      active++;
      most = Math.max(most, active);
      // Longer than the 1-second period: the next ticks of both drills come while this one runs.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      active--;
      return { drill: d.name, auditId: started.length, previous: null, status: signal.aborted ? 'interrupted' : 'complete', change: null };
    };
    const daemon = new DrillDaemon(ctx, run);
    daemon.start(['a', 'b', 'locked'].map((name) => ({ drill: drill(name), cron: '0 2 1 * *', label: 'monthly', everySeconds: 1 })));
    await fourRuns;
    daemon.stop();
    await daemon.done;
    expect(most).toBe(1);
    expect(new Set(started)).toEqual(new Set(['a', 'b', 'locked']));
    expect(log).toMatch(/Z drill locked: skipped: drill "other" is already running \(process 1\)/);
    expect(log).toMatch(/Z rasoat daemon stopped\n$/);
  }, 60_000);
});

describe('the daemon schedule', () => {
  it('is the one drill schedule prints: 02:00 on the first day of the period', async () => {
    expect(new Cron(cronExpression('quarterly'), { timezone: 'UTC' }).nextRun(new Date('2026-05-15T00:00:00Z'))?.toISOString()).toBe('2026-07-01T02:00:00.000Z');
    expect(new Cron(cronExpression('6-monthly'), { timezone: 'UTC' }).nextRun(new Date('2026-07-01T02:00:00Z'))?.toISOString()).toBe('2027-01-01T02:00:00.000Z');
    let log = '';
    const ctx = { lang: 'en', version: 'test', clock: systemClock, stdout: { write: (text: string) => ((log += text), true) } } as unknown as CliContext;
    const daemon = new DrillDaemon(ctx, () => Promise.reject(new Error('not due')));
    daemon.start([{ drill: { name: 'province', file: 'p.yaml', inventory: [], profile: 'quick' } as Drill, cron: cronExpression('monthly'), label: 'monthly' }]);
    daemon.stop();
    await daemon.done;
    expect(log).toMatch(/Z drill province: monthly \(0 2 1 \* \*, local time\), next run \d{4}-\d\d-\d\dT\d\d:00:00\.000Z\n/);
    expect(log).toMatch(/Z stopping: no drill is running\n\S+Z rasoat daemon stopped\n$/);
  });
});

interface AuditJson {
  id: number;
  status: string;
  stats: { failures: Record<string, number> } | null;
}

describe('rasoat daemon', () => {
  const dir = tempDir();
  const env = cliEnv({ RASOAT_CONFIG: join(dir, 'config.yaml') });
  const db = join(dir, 'h.db');
  mkdirSync(join(dir, 'drills'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'db-ports.yaml'), "description: { vi: 'CSDL', en: 'DB' }\nscan: { only: [ports], ports: '2222,3306' }\nrules: ['ports.*']\n");
  writeFileSync(join(dir, 'inventory.yaml'), `groups:\n  - agency: So Giao duc\n    level: 5\n    targets: [${EDU}]\n`);
  writeFileSync(join(dir, 'drills', 'education.yaml'), 'inventory: [../inventory.yaml]\nprofile: db-ports\nexcludePorts: "2024"\n');
  writeFileSync(join(dir, 'profiles', 'silent-web.yaml'), "description: { vi: 'Web', en: 'Web' }\nscan: { only: [ports, http], ports: '8080', timeout: 600000, retries: 0 }\nrules: ['http.*']\n");
  writeFileSync(join(dir, 'portal.yaml'), `groups:\n  - agency: So Tai chinh\n    level: 3\n    targets: [${PORTAL}]\n`);
  writeFileSync(join(dir, 'drills', 'portal.yaml'), 'inventory: [../portal.yaml]\nprofile: silent-web\nexcludePorts: "2024"\n');
  const audits = async () => {
    const result = await runCli(['audits', '--json', '--db', db], env);
    return result.code === 0 && result.stdout.trim() ? (JSON.parse(result.stdout) as AuditJson[]) : [];
  };

  it('runs the drill on its (overridden) schedule, stores the audit, logs start and end, and stops on SIGTERM', async () => {
    const child = spawnCli(['daemon', '--every', '1', '--drills', 'education', '--db', db], env);
    const done = collect(child);
    const log = await waitForStdout(child, /drill education: audit #\d+ complete \(its first run\)\n/);
    child.kill('SIGTERM');
    const result = await done;
    expectNoStackTrace(result.stderr);
    expect(result.code).toBe(0);
    expect(log).toMatch(/^\S+Z rasoat daemon: 1 drill\(s\), one at a time/);
    expect(log).toMatch(/\n\S+Z drill education: every 1 s \(--every\), next run \S+\n/);
    expect(log).toMatch(/\n\S+Z drill education: started\n\S+Z drill education: audit #1 complete \(its first run\)\n/);
    expect(result.stdout).toMatch(/\n\S+Z rasoat daemon stopped\n$/);
    const stored = await audits();
    // The drill ran: its audit found MySQL (high) on the education office. A later run that
    // SIGTERM interrupted is stored too, as interrupted; none is left running.
    expect(stored.find((a) => a.id === 1)).toMatchObject({ status: 'complete', stats: { failures: { high: 1 } } });
    expect(stored.every((a) => a.status === 'complete' || a.status === 'interrupted')).toBe(true);
    const status = JSON.parse((await runCli(['drill', 'status', '--json', '--db', db], env)).stdout) as Array<{ drill: string; overdue: boolean }>;
    expect(status.find((g) => g.drill === 'education')?.overdue).toBe(false);
  }, 90_000);

  it('on SIGTERM interrupts the running drill, keeps its audit as interrupted, and exits 0', async () => {
    const child = spawnCli(['daemon', '--every', '1', '--drills', 'portal', '--db', db], env);
    const done = collect(child);
    await waitForStdout(child, /drill portal: started\n/);
    child.kill('SIGTERM');
    const result = await done;
    expectNoStackTrace(result.stderr);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n\S+Z stopping: drill portal is interrupted, what it found is kept\n\S+Z drill portal: audit #(\d+) interrupted \(its first run\)\n\S+Z rasoat daemon stopped\n$/);
    const id = Number(/audit #(\d+) interrupted/.exec(result.stdout)![1]);
    expect((await audits()).find((a) => a.id === id)?.status).toBe('interrupted');
  }, 90_000);

  it('skips a run with a message while another drill holds the lock, and runs nothing', async () => {
    const lock = `${db}.drill.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, drill: 'manual-run' })); // a live process holds it
    try {
      const before = (await audits()).length;
      const child = spawnCli(['daemon', '--every', '1', '--drills', 'education', '--db', db], env);
      const done = collect(child);
      const log = await waitForStdout(child, /drill education: skipped: .*\n/);
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(0);
      expect(log).toMatch(/\n\S+Z drill education: skipped: drill "manual-run" is already running \(process \d+\); wait for it to finish/);
      expect(log).not.toMatch(/audit #/);
      expect((await audits()).length).toBe(before);
      expect(existsSync(lock)).toBe(true); // not its lock: left alone
    } finally {
      rmSync(lock, { force: true });
    }
  }, 90_000);

  it('refuses bad input in one line, exit 2', async () => {
    const cases: Array<[string[], RegExp, NodeJS.ProcessEnv]> = [
      [['daemon', '--drills', 'nope'], /^rasoat: there is no drill "nope" in \S+; the drills are: education, portal$/, env],
      [['daemon', '--every', '0'], /^rasoat: --every 0: give a whole number of at least 1$/, env],
      [['daemon'], /^rasoat: no drill to run: describe one in \S+\/drills\/NAME\.yaml/, cliEnv({ RASOAT_CONFIG: join(tempDir(), 'config.yaml') })],
    ];
    for (const [args, message, caseEnv] of cases) {
      const result = await runCli([...args, '--db', db], caseEnv);
      expectNoStackTrace(result.stderr);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim(), args.join(' ')).toMatch(message);
    }
  }, 60_000);
});
