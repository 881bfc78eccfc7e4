/**
 * The distributed bench's moving parts besides rasoat's scan: a Redis on a Unix socket in the
 * bench's temporary directory, and agent processes. Every process started here is registered in
 * `children` and killed on the bench's exit, whatever the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { processCpuSeconds } from './cpu.js';

const children = new Set<ChildProcess>();
/** Children started in a process group of their own (detached): killed as a group, with whatever they started. */
const groups = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Started processes are killed (SIGKILL) when the bench exits, normally or not. */
export function track(child: ChildProcess, options: { group?: boolean } = {}): ChildProcess {
  children.add(child);
  if (options.group) groups.add(child);
  child.once('exit', () => {
    children.delete(child);
    groups.delete(child);
  });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killAll);
  }
  return child;
}

export function killAll(): void {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      if (groups.has(child) && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  groups.clear();
}

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL. Resolves once the process is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

export interface RedisServer {
  pid: number;
  socket: string;
  url: string;
  version: string;
  admin: Redis;
  stop(): Promise<void>;
}

/** redis-server on `<dir>/redis.sock` only (no TCP port), no persistence, never evicting. */
export async function startRedis(dir: string): Promise<RedisServer> {
  const socket = join(dir, 'redis.sock');
  const conf = join(dir, 'redis.conf');
  await writeFile(
    conf,
    [`port 0`, `unixsocket ${socket}`, `unixsocketperm 700`, `dir ${dir}`, `save ""`, `appendonly no`, `maxmemory-policy noeviction`, `daemonize no`, `logfile ${join(dir, 'redis.log')}`, ''].join('\n'),
  );
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const child = track(spawn('redis-server', [conf], { stdio: 'ignore' }));
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at once (code ${child.exitCode}); see ${join(dir, 'redis.log')}`);
    if (Date.now() > deadline) throw new Error('redis-server did not open its socket within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const admin = new Redis({ path: socket, lazyConnect: true, maxRetriesPerRequest: 1, connectionName: 'bench-admin' });
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.ping();
  return {
    pid: child.pid!,
    socket,
    url: `unix://${socket}`,
    version,
    admin,
    async stop() {
      admin.disconnect();
      await stopProcess(child, 5_000);
    },
  };
}

/** What Redis did between two readings: commands by name, their time, bytes in and out, and its own CPU. */
export interface RedisSnapshot {
  commands: Record<string, { calls: number; usec: number }>;
  netInBytes: number;
  netOutBytes: number;
  usedMemory: number;
  cpuS: number;
}

export async function redisSnapshot(redis: RedisServer): Promise<RedisSnapshot> {
  const commands: RedisSnapshot['commands'] = {};
  for (const line of (await redis.admin.info('commandstats')).split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line.trim());
    if (match) commands[match[1]!] = { calls: Number(match[2]), usec: Number(match[3]) };
  }
  const stats = await redis.admin.info('stats');
  const memory = await redis.admin.info('memory');
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return {
    commands,
    netInBytes: field(stats, 'total_net_input_bytes'),
    netOutBytes: field(stats, 'total_net_output_bytes'),
    usedMemory: field(memory, 'used_memory'),
    cpuS: processCpuSeconds(redis.pid),
  };
}

/** The bench's own admin commands, left out of the per-job figures. */
const BENCH_COMMANDS = new Set(['info', 'ping', 'flushall', 'client|setname', 'config|resetstat', 'acl|setuser', 'acl|save', 'hkeys']);

export interface RedisDelta {
  calls: number;
  usec: number;
  /** The busiest commands, by time spent in Redis. */
  top: Array<{ command: string; calls: number; usec: number }>;
  netInBytes: number;
  netOutBytes: number;
  cpuS: number;
  /** Memory Redis holds at the end (finished jobs are kept for a week) beyond what it held before. */
  memoryGrowth: number;
}

export function redisDelta(before: RedisSnapshot, after: RedisSnapshot): RedisDelta {
  const rows: RedisDelta['top'] = [];
  for (const [command, now] of Object.entries(after.commands)) {
    if (BENCH_COMMANDS.has(command)) continue;
    const was = before.commands[command] ?? { calls: 0, usec: 0 };
    if (now.calls > was.calls) rows.push({ command, calls: now.calls - was.calls, usec: now.usec - was.usec });
  }
  rows.sort((a, b) => b.usec - a.usec);
  return {
    calls: rows.reduce((n, r) => n + r.calls, 0),
    usec: rows.reduce((n, r) => n + r.usec, 0),
    top: rows.slice(0, 8),
    netInBytes: after.netInBytes - before.netInBytes,
    netOutBytes: after.netOutBytes - before.netOutBytes,
    cpuS: after.cpuS - before.cpuS,
    memoryGrowth: after.usedMemory - before.usedMemory,
  };
}

export interface RunningAgent {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Everything it wrote to stderr (its log). */
  log(): string;
}

/**
 * Starts `count` agents sharing one credentials file under distinct names, and resolves once each
 * has said it is connected (its worker is then listening for jobs).
 */
export async function startAgents(repoRoot: string, credentials: string, count: number, prefix: string, env: NodeJS.ProcessEnv): Promise<RunningAgent[]> {
  const agents: RunningAgent[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      const name = `${prefix}${i}`;
      const child = track(spawn(process.execPath, ['dist/src/bin.js', 'agent', '--credentials', credentials, '--name', name], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] }));
      let text = '';
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => (text += chunk));
      agents.push({ name, child, pid: child.pid!, log: () => text });
    }
    await Promise.all(agents.map((agent) => connected(agent)));
    return agents;
  } catch (error) {
    await Promise.all(agents.map((a) => stopProcess(a.child, 2_000)));
    throw error;
  }
}

function connected(agent: RunningAgent): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent ${agent.name} did not connect within 30 s: ${agent.log().trim().slice(-500)}`)), 30_000);
    const check = () => {
      if (new RegExp(`agent ${agent.name} of segment \\S+ connected`).test(agent.log())) {
        clearTimeout(timer);
        agent.child.stderr!.off('data', check);
        resolve();
      }
    };
    agent.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agent ${agent.name} exited (code ${code}): ${agent.log().trim().slice(-500)}`));
    });
    agent.child.stderr!.on('data', check);
    check();
  });
}

export interface AgentFigures {
  name: string;
  jobs: number;
  cpuS: number;
  peakRssKb: number | null;
  /** When it reported its last job done (its own clock, ms since the epoch). */
  lastJobAt: number | null;
  failed: number;
}

/** Peak RSS of a live process, from the kernel. */
export function peakRssKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Jobs done, failed or refused, and the last one's time, from an agent's log (English). */
export function agentLogFigures(log: string): { jobs: number; failed: number; lastJobAt: number | null } {
  let jobs = 0;
  let failed = 0;
  let lastJobAt: number | null = null;
  for (const line of log.split('\n')) {
    const done = /^(\S+) job \S+: \d+ hosts in [\d.]+ s/.exec(line);
    if (done) {
      jobs++;
      lastJobAt = Math.max(lastJobAt ?? 0, Date.parse(done[1]!));
    } else if (/^\S+ (job \S+ failed: |refused job )/.test(line)) failed++;
  }
  return { jobs, failed, lastJobAt };
}
