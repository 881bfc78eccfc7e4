import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { cliEnv, collect, expectNoStackTrace, runCli, spawnCli, tempDir, waitForStderr } from '../helpers/cli.js';

// Hosts 127.0.0.40-47, ports 1-60000 at 1,000 probes a second per host: a minute per host, so the
// scan is surely still running when it is interrupted, and has passed ports 1100 and 1500.
const LONG_SCAN = ['scan', '127.0.0.40-47', '-p', '1-60000', '--rate', '1000', '--exclude-ports', '2024'];

function audits(db: string): Array<{ id: number; status: string; stats_json: string | null }> {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('select id, status, stats_json from audits order by id').all() as Array<{ id: number; status: string; stats_json: string | null }>;
  } finally {
    sqlite.close();
  }
}

describe('Ctrl-C in the middle of a scan', () => {
  let listeners: ListenerSet;
  const env = cliEnv();
  beforeAll(async () => {
    listeners = await startListeners([
      { host: '127.0.0.40', port: 1100 },
      { host: '127.0.0.40', port: 1500 },
    ]);
  });
  afterAll(() => listeners.close());

  it('stops cleanly, keeps what was found, marks the audit interrupted and leaves history intact', async () => {
    const db = join(tempDir(), 'history.db');
    const earlier = await runCli(['scan', '127.0.0.40', '-p', '1100', '--db', db, '-q'], env);
    expect(earlier.code, earlier.stderr).toBe(0);
    const earlierFindings = new Database(db, { readonly: true }).prepare('select count(*) as n from findings where audit_id = 1').get() as { n: number };

    const before1100 = listeners.connections('127.0.0.40', 1100);
    const child = spawnCli([...LONG_SCAN, '--db', db], env);
    const result = collect(child);
    await waitForStderr(child, /audit #2:/);
    // Interrupt once the scan has reached both open ports (a fixed delay was too short on a loaded machine).
    await waitFor(() => listeners.connections('127.0.0.40', 1100) > before1100 && listeners.connections('127.0.0.40', 1500) > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    const { code, stdout, stderr } = await result;

    expectNoStackTrace(stderr);
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopping: finishing what is in flight/);
    expect(stdout).toMatch(/Audit #2 INTERRUPTED/);

    const rows = audits(db);
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [1, 'complete'],
      [2, 'interrupted'],
    ]);
    const sqlite = new Database(db, { readonly: true });
    const open = sqlite.prepare("select host, port from observations where audit_id = 2 and kind = 'port.open' order by port").all();
    expect(open).toEqual([
      { host: '127.0.0.40', port: 1100 },
      { host: '127.0.0.40', port: 1500 },
    ]);
    // The port list never finished, so no rule may pass on it: interrupted evidence is an error.
    const verdicts = sqlite.prepare("select distinct outcome from findings where audit_id = 2 and host = '127.0.0.40'").all() as Array<{ outcome: string }>;
    expect(verdicts.map((v) => v.outcome)).not.toContain('pass');
    expect(verdicts.map((v) => v.outcome)).toContain('error');
    const stillThere = sqlite.prepare('select count(*) as n from findings where audit_id = 1').get() as { n: number };
    expect(stillThere.n).toBe(earlierFindings.n);
    sqlite.close();

    const list = await runCli(['audits', '--db', db], env);
    expect(list.stdout).toMatch(/^2\s+.*interrupted/m);
  });

  it('a second Ctrl-C quits at once; the next run marks the abandoned audit interrupted', async () => {
    const db = join(tempDir(), 'history.db');
    const child = spawnCli([...LONG_SCAN, '--db', db], env);
    const result = collect(child);
    await waitForStderr(child, /audit #1:/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    await waitForStderr(child, /stopping/);
    child.kill('SIGINT');
    const { code } = await result;
    expect(code).toBe(130);

    const after = await runCli(['scan', '127.0.0.40', '-p', '1100', '--db', db, '-q'], env);
    expect(after.code, after.stderr).toBe(0);
    expect(audits(db).map((r) => [r.id, r.status])).toEqual([
      [1, 'interrupted'],
      [2, 'complete'],
    ]);
  });
});

/** Polls a condition every 100 ms for up to 30 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const until = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition never became true');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
