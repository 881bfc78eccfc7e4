import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { Store } from '../../src/store/store.js';
import { BIN, cliEnv, runCli, tempDir } from '../helpers/cli.js';
import { needsPeer } from '../helpers/peers.js';

// Loopback only, 127.0.110.0/24, never port 2024; addresses, no names.
const A = '127.0.110.17';
const B = '127.0.110.18';
const SCAN = [`${A}-18`, '-p', '6379,3389', '--only', 'ports', '--exclude-ports', '2024', '--skip-discovery', '--timeout', '500'];

const hasTmux = needsPeer('tmux', '-V');

describe.skipIf(!hasTmux)('rasoat scan --tui in a real terminal (tmux)', () => {
  const dir = tempDir('rasoat-tui-e2e-');
  const db = join(dir, 'history.db');
  // A tmux server of our own (-L): never the user's sessions.
  const socket = `rasoat-e2e-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'tui');
  const keys = async (...list: string[]) => {
    for (const k of list) {
      tmux('send-keys', '-t', 'tui', k);
      // One key per frame: Ink reads what arrives together as one input.
      await new Promise((r) => setTimeout(r, 80));
    }
  };
  const until = async (text: string | RegExp, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = screen();
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the screen never showed ${String(text)}; it shows:\n${last}`);
  };
  let first: ListenerSet;
  let second: ListenerSet | undefined;

  beforeAll(async () => {
    first = await startListeners([{ host: A, port: 6379 }]);
  });
  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      // Already gone with its last session.
    }
    await first?.close();
    await second?.close();
  });

  it('scans, opens a finding, accepts it, compares with the earlier audit in history, quits', async () => {
    // The earlier audit, plain CLI: only A's data store is listening.
    const earlier = await runCli(['scan', ...SCAN, '--db', db, '-q'], cliEnv());
    expect(earlier.stderr).toBe('');
    // Then B's RDP port opens: the TUI's scan finds one new failure.
    second = await startListeners([{ host: B, port: 3389 }]);

    const env = cliEnv({ TERM: 'xterm-256color' });
    const script = join(dir, 'run.sh');
    // CI=true as on the CI machines, where Ink alone would draw nothing until the UI closes.
    const exports = Object.entries({ NO_COLOR: '1', CI: 'true', RASOAT_LANG: 'en', RASOAT_CONFIG: env.RASOAT_CONFIG!, PATH: env.PATH ?? '' })
      .map(([k, v]) => `export ${k}='${v}'`)
      .join('\n');
    writeFileSync(script, `${exports}\n'${process.execPath}' '${BIN}' scan ${SCAN.join(' ')} --db '${db}' --tui\necho "EXIT=$?"\nsleep 30\n`);
    tmux('new-session', '-d', '-s', 'tui', '-x', '80', '-y', '24', `sh '${script}'`);

    const done = await until('Scan complete.');
    expect(done).toContain('Audit #2 · complete');
    expect(done).toMatch(/Targets 2\/2/);
    expect(done).toMatch(/▲ HIGH\s+127\.0\.110\.18:3389\s+Remote Desktop/);

    await keys('Enter');
    const table = await until('audit #2 · 2 of 2');
    expect(table).toMatch(/›\s+▲ HIGH\s+127\.0\.110\.1[78]:\d+\s+open/);

    await keys('Enter');
    await until('Remediation (en)');
    await keys('a', ...'isolated lab', 'Enter');
    const saved = await until('Marked accepted');
    expect(saved).toMatch(/Status: accepted by \S+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    await keys('q');
    await until(/›\s+▲ HIGH\s+\S+\s+accepted/);

    await keys('h');
    const history = await until(/\s1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+complete/);
    expect(history).toMatch(/2\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+complete\s+0\s+2/);
    await keys('Space', 'Down', 'Space', 'c');
    const compare = await until('Audit #1 → #2');
    expect(compare).toContain('new 1 · fixed 0 · still open 1 · not re-checked 0');
    expect(compare).toMatch(/▲ HIGH\s+127\.0\.110\.18:3389/);

    await keys('Q');
    const after = await until('EXIT=0');
    expect(after).toContain('Audit #2 complete');

    const store = await Store.open(db, { readonly: true });
    try {
      const decisions = [...(await store.triage.current((await store.findings(2, { outcomes: ['fail'] })).map((f) => f.fingerprint))).values()];
      expect(decisions).toMatchObject([{ status: 'accepted-risk', reason: 'isolated lab', auditId: 2 }]);
    } finally {
      await store.close();
    }
  });
  it('quits and keeps the audit when its terminal goes away, instead of spinning on a dead terminal', async () => {
    const env = cliEnv({ TERM: 'xterm-256color' });
    const gone = join(dir, 'gone.db');
    const pidFile = join(dir, 'gone.pid');
    const script = join(dir, 'gone.sh');
    const exports = Object.entries({ NO_COLOR: '1', RASOAT_LANG: 'en', RASOAT_CONFIG: env.RASOAT_CONFIG!, PATH: env.PATH ?? '' })
      .map(([k, v]) => `export ${k}='${v}'`)
      .join('\n');
    writeFileSync(script, `${exports}\necho $$ > '${pidFile}'\nexec '${process.execPath}' '${BIN}' scan ${SCAN.join(' ')} --db '${gone}' --tui\n`);
    tmux('new-session', '-d', '-s', 'gone', '-x', '80', '-y', '24', `sh '${script}'`);
    const deadline = Date.now() + 15_000;
    while (!tmux('capture-pane', '-p', '-t', 'gone').includes('Scan complete.') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // The TUI waits for its user after the scan; the terminal closes under it (SIGHUP).
    tmux('kill-session', '-t', 'gone');
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const exitDeadline = Date.now() + 15_000;
    while (alive() && Date.now() < exitDeadline) await new Promise((r) => setTimeout(r, 100));
    const stillAlive = alive();
    if (stillAlive) process.kill(pid, 'SIGKILL');
    expect(stillAlive).toBe(false);
    const store = await Store.open(gone, { readonly: true });
    try {
      expect((await store.getAudit('latest')).status).toBe('complete');
    } finally {
      await store.close();
    }
  });
});
