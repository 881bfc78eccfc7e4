import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cliEnv } from './cli.js';

/** Whether this machine can run the cluster tests: root (network namespaces) and Redis. */
export function clusterPeersPresent(): boolean {
  const root = process.getuid?.() === 0;
  const ip = spawnSync('ip', ['-V'], { stdio: 'ignore' }).status === 0;
  const redis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  const ok = root && ip && redis;
  if (!ok && process.env.RASOAT_REQUIRE_PEERS === '1') throw new Error('cluster tests need root, iproute2 and redis-server; .ci/run installs them');
  if (!ok) console.warn('skipping cluster tests: they need root (network namespaces), iproute2 and redis-server');
  return ok;
}

export interface TestRedis {
  socket: string;
  url: string;
  adminPassword: string;
  stop(): void;
}

/** A throwaway Redis on a Unix socket in `dir` (so other namespaces reach it), with a password on the default user. */
export async function startRedis(dir: string, extra: string[] = []): Promise<TestRedis> {
  const socket = join(dir, 'redis.sock');
  const adminPassword = 'central-admin-pw-7c1e';
  const conf = join(dir, 'redis.conf');
  writeFileSync(conf, [`port 0`, `unixsocket ${socket}`, `unixsocketperm 700`, `dir ${dir}`, `save ""`, `appendonly no`, `maxmemory-policy noeviction`, `user default on >${adminPassword} ~* &* +@all`, ...extra].join('\n'));
  const child = spawn('redis-server', [conf], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-s', socket, '--user', 'default', '--pass', adminPassword, '--no-auth-warning', 'ping']).stdout?.toString().includes('PONG')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { socket, url: `unix://${socket}`, adminPassword, stop: () => child.kill('SIGKILL') };
}

/** A network namespace with its own loopback: a segment the central machine cannot reach. */
export class Segment {
  readonly ns: string;
  private readonly children: ChildProcess[] = [];

  constructor(name: string) {
    this.ns = `rasoat-${name}-${process.pid}`;
    spawnSync('ip', ['netns', 'del', this.ns], { stdio: 'ignore' });
    execFileSync('ip', ['netns', 'add', this.ns]);
    execFileSync('ip', ['-n', this.ns, 'link', 'set', 'lo', 'up']);
  }

  /** Starts a process inside the segment; it is killed when the segment is removed. */
  spawn(args: string[], env: NodeJS.ProcessEnv = cliEnv()): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.ns, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    return child;
  }

  /** rasoat itself, inside the segment. */
  rasoat(args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
    return this.spawn([process.execPath, BIN, ...args], env);
  }

  /** HTTP servers inside the segment: one per address, each answering with its own Server header and a delay. */
  async webServers(servers: Array<{ address: string; port: number; banner: string; delayMs?: number }>): Promise<void> {
    const code = `const http=require('http');const list=${JSON.stringify(servers)};let up=0;for(const s of list){http.createServer((q,r)=>setTimeout(()=>{r.setHeader('Server',s.banner);r.end('<html><body>'+s.banner+'</body></html>')},s.delayMs||0)).listen(s.port,s.address,()=>{if(++up===list.length)console.log('ready')})}`;
    const child = this.spawn([process.execPath, '-e', code]);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (c) => reject(new Error(`web servers in ${this.ns} exited ${c}`)));
    });
  }

  remove(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', this.ns], { stdio: 'ignore' });
  }
}

/** Waits until `check` is true (polling a condition in a test, not a product loop). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
