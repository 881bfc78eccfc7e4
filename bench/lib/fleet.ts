import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertSafeTarget, FORBIDDEN_PORT } from './safety.js';
import { portKey } from './port-sets.js';

export interface Listener {
  host: string;
  port: number;
}

export interface FleetPlan {
  hosts: string[];
  listeners: Listener[];
  /** The fleet as one nmap-style target: 127.0.1.1-254 */
  targetSpec: string;
  /** host:port keys of every listener: what a correct scan must find. */
  expected: Set<string>;
}

export interface RunningFleet {
  pid: number;
  stop(): void;
}

/** Well-known service ports, all in nmap's top 100. */
const COMMON_PORTS = [22, 80, 443, 3306, 8080, 5432, 21, 23, 25, 110, 143, 993, 995, 3389, 5900, 8443];

/**
 * High ports from the top of nmap's frequency ranking (all within its top 300, so well clear of
 * the ties at rank 1,000 that could differ between nmap versions).
 */
const HIGH_PORTS = [
  1025, 8888, 6001, 10000, 2000, 8000, 32768, 49152, 2001, 8008, 49154, 5000, 8081, 2049, 5800, 2121, 6000,
  5357, 3128, 9999, 3000, 1900, 9100, 5001, 9090, 5901, 9000, 7000, 50000, 5555, 1521, 1080, 4444, 15000,
];

const HIGH_PORT_SHARE = 0.25;
const READY_TIMEOUT_MS = 60_000;

/** mulberry32: tiny, seedable and good enough to spread ports over hosts repeatably. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function planFleet(subnet: string, hostCount: number, seed: number): FleetPlan {
  const random = seededRandom(seed);
  const pick = (list: readonly number[]) => list[Math.floor(random() * list.length)]!;
  const hosts: string[] = [];
  const listeners: Listener[] = [];
  for (let i = 1; i <= hostCount; i++) {
    const host = `${subnet}.${i}`;
    hosts.push(host);
    const ports = new Set<number>();
    const wanted = 3 + Math.floor(random() * 3);
    while (ports.size < wanted) ports.add(random() < HIGH_PORT_SHARE ? pick(HIGH_PORTS) : pick(COMMON_PORTS));
    for (const port of [...ports].sort((a, b) => a - b)) {
      assertSafeTarget(host, port);
      listeners.push({ host, port });
    }
  }
  return {
    hosts,
    listeners,
    targetSpec: hostCount === 1 ? `${subnet}.1` : `${subnet}.1-${hostCount}`,
    expected: new Set(listeners.map((l) => portKey(l.host, l.port))),
  };
}

/**
 * Starts the listeners in a child Node process, so that accepting and closing the scanners'
 * connections costs neither rasoat's CPU nor its event loop.
 */
export async function startFleet(plan: FleetPlan): Promise<RunningFleet> {
  if (plan.listeners.some((l) => l.port === FORBIDDEN_PORT)) throw new Error(`fleet may not use port ${FORBIDDEN_PORT}`);
  const childScript = fileURLToPath(new URL('./fleet-child.js', import.meta.url));
  const child = spawn(process.execPath, [childScript], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  try {
    await waitForReady(child, plan);
  } catch (error) {
    stop();
    throw error;
  }
  return { pid: child.pid!, stop };
}

function waitForReady(child: ChildProcess, plan: FleetPlan): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fleet child did not become ready in time')), READY_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`fleet child exited early (code ${code}, signal ${signal})`)));
    child.on('message', (message: { ready?: number; error?: string }) => {
      if (message.error) return fail(new Error(`fleet child: ${message.error}`));
      if (message.ready !== plan.listeners.length) {
        return fail(new Error(`fleet child bound ${message.ready} listeners, expected ${plan.listeners.length}`));
      }
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve();
    });
    child.send({ listeners: plan.listeners });
  });
}
