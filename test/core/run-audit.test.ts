import { describe, expect, it } from 'vitest';
import { systemClock, systemRandom } from '../../src/core/clock.js';
import { TransientError } from '../../src/core/errors.js';
import type { HostCoverage } from '../../src/core/model/coverage.js';
import type { Finding } from '../../src/core/model/finding.js';
import type { Observation } from '../../src/core/model/observation.js';
import type { Scanner } from '../../src/core/model/scanner.js';
import { startAudit, type AuditJob } from '../../src/core/run-audit.js';
import type { EngineEvent } from '../../src/core/scheduler/events.js';

const limits = { concurrency: 50, hostConcurrency: 4, ratePerHost: 0, maxHosts: 8, taskTimeoutMs: 2000, taskRetries: 2 };

function job(targets: string[], scanners: string[], extra: Partial<AuditJob> = {}): AuditJob {
  return { targets: targets.map((spec) => ({ spec })), exclude: [], excludePorts: '', resolve: {}, allowLarge: false, scanners, scannerOptions: {}, limits, userAgent: 't', ...extra };
}

/** A scanner built from a function, observing port.open (and host.status when it says so). */
function scanner(id: string, body: Scanner['scan'], extra: Partial<Scanner> = {}): Scanner {
  return { id, observes: ['port.open', 'host.status'], defaults: {}, appliesTo: () => true, scan: body, ...extra };
}

interface Run {
  events: EngineEvent[];
  coverage: Map<string, HostCoverage>;
  status: string;
}

async function run(j: AuditJob, scanners: Scanner[], options: { signal?: AbortSignal; lookup?: (name: string) => Promise<string[]> } = {}): Promise<Run> {
  const events: EngineEvent[] = [];
  const coverage = new Map<string, HostCoverage>();
  const judge = (target: { host: string }, _obs: readonly Observation[], c: HostCoverage): Finding[] => {
    coverage.set(target.host, c);
    return [];
  };
  const audit = startAudit(j, {
    scanners,
    judge,
    sinks: [{ handle: (e) => void events.push(e) }],
    clock: systemClock,
    random: systemRandom,
    signal: options.signal ?? new AbortController().signal,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const { status } = await audit.done;
  return { events, coverage, status };
}

const observationsOf = (r: Run) => r.events.flatMap((e) => (e.type === 'observation' ? [e.observation] : []));
const taskEnds = (r: Run) => r.events.flatMap((e) => (e.type === 'task.end' ? [e] : []));

describe('startAudit', () => {
  it('runs every host through its scanners and streams what they see', async () => {
    const ports = scanner('ports', async function* (target, ctx) {
      yield ctx.observe('port.open', { port: 80, protocol: 'tcp', service: 'http', reason: 'syn-ack', rttMs: 1 }, 80);
      void target;
    });
    const r = await run(job(['127.0.9.1-3'], ['ports']), [ports]);
    expect(r.status).toBe('complete');
    expect(observationsOf(r).map((o) => o.host).sort()).toEqual(['127.0.9.1', '127.0.9.2', '127.0.9.3']);
    expect([...r.coverage.values()].every((c) => c.assessed.has('port.open'))).toBe(true);
    const end = r.events.at(-1);
    expect(end?.type === 'audit.end' && end.stats.hosts).toBe(3);
  });

  it('turns a scanner that overruns its time into a timeout, never a pass', async () => {
    const slow = scanner('slow', async function* (_t, ctx) {
      await new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      yield* [];
    });
    const r = await run(job(['127.0.9.1'], ['slow'], { limits: { ...limits, taskTimeoutMs: 100 } }), [slow]);
    expect(taskEnds(r).map((t) => t.status)).toEqual(['timeout']);
    expect(observationsOf(r).find((o) => o.kind === 'scan.error')?.data).toMatchObject({ scanner: 'slow', reason: 'timeout' });
    expect(r.coverage.get('127.0.9.1')?.failed.get('port.open')).toBe('timeout');
    expect(r.coverage.get('127.0.9.1')?.assessed.has('port.open')).toBe(false);
  });

  it('retries a task that failed for a transient local reason before yielding anything', async () => {
    let calls = 0;
    const flaky = scanner('flaky', async function* (_t, ctx) {
      if (++calls === 1) throw new TransientError('EMFILE', 'too many open files');
      yield ctx.observe('port.open', { port: 22, protocol: 'tcp', service: 'ssh', reason: 'syn-ack', rttMs: 1 }, 22);
    });
    const r = await run(job(['127.0.9.1'], ['flaky']), [flaky]);
    expect(calls).toBe(2);
    expect(taskEnds(r)).toMatchObject([{ status: 'ok', attempts: 2 }]);
  });

  it('does not retry an ordinary error, and records it', async () => {
    let calls = 0;
    const broken = scanner('broken', async function* () {
      calls++;
      throw new Error('parser exploded');
    });
    const r = await run(job(['127.0.9.1'], ['broken']), [broken]);
    expect(calls).toBe(1);
    expect(observationsOf(r).find((o) => o.kind === 'scan.error')?.data).toMatchObject({ reason: 'error', message: 'parser exploded' });
    expect(r.coverage.get('127.0.9.1')?.failed.get('port.open')).toBe('error');
  });

  it('runs a scanner after the ones whose facts it reads, and gives it those facts', async () => {
    const seen: number[] = [];
    const first = scanner('first', async function* (_t, ctx) {
      yield ctx.observe('port.open', { port: 443, protocol: 'tcp', service: 'https', reason: 'syn-ack', rttMs: 1 }, 443);
    });
    const second = scanner(
      'second',
      async function* (_t, ctx) {
        for (const o of ctx.facts('port.open')) seen.push(o.data.port);
      },
      { observes: ['port.summary'], after: ['port.open'] },
    );
    await run(job(['127.0.9.1'], ['second', 'first']), [first, second]);
    expect(seen).toEqual([443]);
  });

  it('skips the other scanners of a host that is down and assesses nothing there', async () => {
    let laterRan = false;
    const discovery = scanner('discovery', async function* (_t, ctx) {
      yield ctx.observe('host.status', { state: 'down', reason: 'no-response', address: '127.0.9.1' });
    });
    const later = scanner(
      'later',
      async function* () {
        laterRan = true;
      },
      { observes: ['port.summary'], after: ['host.status'] },
    );
    const r = await run(job(['127.0.9.1', '127.0.9.8-9'], ['discovery', 'later']), [discovery, later]);
    expect(laterRan).toBe(false);
    expect(r.coverage.get('127.0.9.1')?.unreachable).toBe('host-down: no-response');
    // Addresses of a range that do not answer are counted, not judged one by one.
    expect(r.coverage.has('127.0.9.8')).toBe(false);
    const end = r.events.at(-1);
    expect(end?.type === 'audit.end' && [end.stats.hostsUp, end.stats.hostsDown]).toEqual([0, 3]);
  });

  it('records a name that does not resolve as unreachable, with the reason', async () => {
    const never = scanner('never', async function* () {
      throw new Error('must not run');
    });
    const r = await run(job(['portal.invalid.example'], ['never']), [never], {
      lookup: async () => {
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    expect(r.coverage.get('portal.invalid.example')?.unreachable).toBe('dns');
    expect(taskEnds(r).map((t) => t.status)).toEqual(['unreachable']);
  });

  it('stops starting hosts when aborted, and marks running tasks interrupted', async () => {
    const controller = new AbortController();
    const hang = scanner('hang', async function* (_t, ctx) {
      setTimeout(() => controller.abort(), 20);
      await new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      yield* [];
    });
    const r = await run(job(['127.0.9.1-40'], ['hang'], { limits: { ...limits, maxHosts: 2 } }), [hang], { signal: controller.signal });
    expect(r.status).toBe('interrupted');
    const started = r.events.filter((e) => e.type === 'host.start').length;
    expect(started).toBeLessThanOrEqual(4);
    expect(taskEnds(r).every((t) => t.status === 'interrupted')).toBe(true);
  });
});
