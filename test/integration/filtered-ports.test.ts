import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv, collect, isRoot } from '../helpers/cli.js';

// Closed, open and filtered ports need a firewall: the test makes its own network namespace (its
// own loopback, nothing shared with the machine), drops one port and rejects another inside it,
// and runs rasoat there. Needs root and iptables, which .ci/run installs.
function available(): boolean {
  if (!isRoot) return false;
  try {
    execFileSync('iptables', ['--version'], { stdio: 'ignore' });
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const NS = `rasoat-filter-${process.pid}`;
const inNs = (...args: string[]) => execFileSync('ip', ['netns', 'exec', NS, ...args], { stdio: 'pipe' });

describe.skipIf(!available())('open, closed and filtered ports behind a firewall (network namespace)', () => {
  let listener: ChildProcess;

  beforeAll(async () => {
    execFileSync('ip', ['netns', 'add', NS]);
    inNs('ip', 'link', 'set', 'lo', 'up');
    inNs('iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '3001', '-j', 'DROP');
    inNs('iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '3002', '-j', 'REJECT', '--reject-with', 'icmp-host-prohibited');
    listener = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', "require('net').createServer(s=>{s.on('error',()=>{});s.end()}).listen(3000,'127.0.0.1',()=>console.log('ready'))"]);
    await new Promise<void>((resolve) => listener.stdout!.once('data', () => resolve()));
  });
  afterAll(() => {
    listener?.kill();
    execFileSync('ip', ['netns', 'del', NS]);
  });

  it('tells them apart, retrying the silent port before calling it filtered', async () => {
    const child = spawn('ip', ['netns', 'exec', NS, process.execPath, BIN, 'scan', '127.0.0.1', '-p', '3000-3003', '--timeout', '300', '--db', `/tmp/${NS}.db`, '--json', '-q'], {
      env: cliEnv(),
    });
    const { code, stdout, stderr } = await collect(child);
    expect(code, stderr).toBe(0);
    const audit = JSON.parse(stdout) as { observations: Array<{ kind: string; port: number | null; data: Record<string, unknown> }> };
    const open = audit.observations.filter((o) => o.kind === 'port.open').map((o) => o.port);
    expect(open).toEqual([3000]);
    const summary = audit.observations.find((o) => o.kind === 'port.summary')?.data;
    expect(summary).toMatchObject({ scanned: '3000-3003', total: 4, open: 1, closed: 1, filtered: 2, filteredPorts: '3001-3002' });
  });
});
