import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { ScopeError, TransientError } from '../../../src/core/errors.js';
import { Guard } from '../../../src/core/net/guard.js';
import { tcpSweep, type ProbeStarter } from '../../../src/core/net/sweep.js';
import type { ProbeResult } from '../../../src/core/net/tcp.js';
import { Scope } from '../../../src/core/scope/scope.js';
import { buildTargetSet } from '../../../src/core/run-audit.js';

const scope = (targets: string[], excludePorts = '') => new Scope(buildTargetSet({ targets: targets.map((spec) => ({ spec })), exclude: [], allowLarge: false }).scopeSpec(excludePorts));

/** A prober whose probes finish only when the test says so, tracking how many run at once. */
class FakeProber implements ProbeStarter {
  running = 0;
  maxRunning = 0;
  readonly started: Array<{ address: string; port: number; timeoutMs: number }> = [];
  private readonly pending: Array<{ port: number; done: (o: ProbeResult | Error) => void }> = [];

  constructor(private readonly answer: (port: number, attempt: number) => ProbeResult | Error = () => CLOSED) {}

  start<A>(address: string, port: number, timeoutMs: number, done: (outcome: ProbeResult | Error, arg: A) => void, arg: A): void {
    this.started.push({ address, port, timeoutMs });
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    this.pending.push({ port, done: (outcome) => done(outcome, arg) });
  }

  /** Finishes every probe started so far, then lets the sweep start the next ones. */
  async finishAll(): Promise<void> {
    const batch = this.pending.splice(0);
    for (const { port, done } of batch) {
      this.running--;
      const attempt = this.started.filter((s) => s.port === port).length - 1;
      done(this.answer(port, attempt));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  async drain(until: Promise<unknown>): Promise<void> {
    let settled = false;
    void until.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 10_000 && !settled; i++) await this.finishAll();
  }
}

const CLOSED: ProbeResult = { state: 'closed', reason: 'conn-refused', rttMs: 1 };
const OPEN: ProbeResult = { state: 'open', reason: 'syn-ack', rttMs: 1 };
const SILENT: ProbeResult = { state: 'filtered', reason: 'no-response', rttMs: 100 };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function options(ports: Iterable<number>, results: Map<number, ProbeResult>, extra: Partial<{ retries: number; timeout: number }> = {}) {
  return { ports, timeoutMs: () => extra.timeout ?? 100, retries: extra.retries ?? 0, maxTimeoutMs: 1000, onResult: (port: number, r: ProbeResult) => void results.set(port, r) };
}

describe('tcpSweep', () => {
  it('gives every port one final answer and keeps within the host concurrency', async () => {
    const guard = new Guard(scope(['127.0.0.1']), { concurrency: 100, hostConcurrency: 8, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber((port) => (port % 10 === 0 ? OPEN : CLOSED));
    const results = new Map<number, ProbeResult>();
    const done = tcpSweep(guard, prober, undefined, '127.0.0.1', '127.0.0.1', options(range(1, 200), results));
    await prober.drain(done);
    await done;
    expect(results.size).toBe(200);
    expect([...results].filter(([, r]) => r.state === 'open').map(([p]) => p)).toEqual(range(1, 20).map((n) => n * 10));
    expect(prober.maxRunning).toBe(8);
    expect(guard.global.inUse).toBe(0);
    expect(guard.operations).toBe(200);
  });

  it('shares the global capacity among the sweeps running, so none queues beyond it', async () => {
    const guard = new Guard(scope(['127.0.0.1-4']), { concurrency: 12, hostConcurrency: 64, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber();
    const sweeps = [1, 2, 3, 4].map((i) => tcpSweep(guard, prober, undefined, `127.0.0.${i}`, `127.0.0.${i}`, options(range(1, 50), new Map())));
    const all = Promise.all(sweeps);
    await prober.drain(all);
    await all;
    expect(prober.maxRunning).toBeLessThanOrEqual(12);
    expect(prober.started).toHaveLength(200);
  });

  it('retries a silent port with a doubled timeout before calling it filtered', async () => {
    const guard = new Guard(scope(['127.0.0.1']), { concurrency: 10, hostConcurrency: 4, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber((port, attempt) => (port === 7 && attempt < 2 ? SILENT : port === 7 ? OPEN : SILENT));
    const results = new Map<number, ProbeResult>();
    const done = tcpSweep(guard, prober, undefined, '127.0.0.1', '127.0.0.1', options([7, 8], results, { retries: 2, timeout: 150 }));
    await prober.drain(done);
    await done;
    expect(prober.started.filter((s) => s.port === 7).map((s) => s.timeoutMs)).toEqual([150, 300, 600]);
    expect(results.get(7)).toEqual(OPEN);
    expect(results.get(8)).toEqual(SILENT);
    expect(prober.started.filter((s) => s.port === 8)).toHaveLength(3);
  });

  it('tries again after a pause when the local machine runs out of sockets', async () => {
    const guard = new Guard(scope(['127.0.0.1']), { concurrency: 10, hostConcurrency: 4, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber((_port, attempt) => (attempt === 0 ? new TransientError('EMFILE', 'too many open files') : CLOSED));
    const results = new Map<number, ProbeResult>();
    const done = tcpSweep(guard, prober, undefined, '127.0.0.1', '127.0.0.1', options([1, 2], results));
    await prober.drain(done);
    await done;
    expect(results.get(1)).toEqual(CLOSED);
    expect(prober.started).toHaveLength(4);
  });

  it('refuses a port outside the scope before any probe', async () => {
    const guard = new Guard(scope(['127.0.0.1'], '2024'), { concurrency: 10, hostConcurrency: 4, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber();
    await expect(tcpSweep(guard, prober, undefined, '127.0.0.1', '127.0.0.1', options([2024], new Map()))).rejects.toBeInstanceOf(ScopeError);
    await expect(tcpSweep(guard, prober, undefined, '127.0.0.2', '127.0.0.2', options([80], new Map()))).rejects.toBeInstanceOf(ScopeError);
    expect(prober.started).toEqual([]);
  });

  it('stops at once on abort and gives back every slot as probes settle', async () => {
    const guard = new Guard(scope(['127.0.0.1']), { concurrency: 10, hostConcurrency: 4, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber();
    const controller = new AbortController();
    const done = tcpSweep(guard, prober, controller.signal, '127.0.0.1', '127.0.0.1', options(range(1, 1000), new Map()));
    await prober.finishAll();
    controller.abort(new Error('stop'));
    await expect(done).rejects.toThrow('stop');
    const startedAtAbort = prober.started.length;
    await prober.finishAll();
    await prober.finishAll();
    expect(prober.started.length).toBe(startedAtAbort);
    expect(guard.global.inUse).toBe(0);
    expect(startedAtAbort).toBeLessThan(20);
  });

  it('starts nothing new while paused, and carries on after resume', async () => {
    const guard = new Guard(scope(['127.0.0.1']), { concurrency: 10, hostConcurrency: 2, ratePerHost: 0 }, systemClock);
    const prober = new FakeProber();
    const results = new Map<number, ProbeResult>();
    const done = tcpSweep(guard, prober, undefined, '127.0.0.1', '127.0.0.1', options(range(1, 10), results));
    expect(prober.started).toHaveLength(2);
    guard.pause();
    await prober.finishAll();
    await prober.finishAll();
    expect(prober.started).toHaveLength(2);
    guard.resume();
    await prober.drain(done);
    await done;
    expect(results.size).toBe(10);
  });
});
