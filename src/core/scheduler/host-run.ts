import { setMaxListeners } from 'node:events';
import type { Clock, Random } from '../clock.js';
import { isAbortError, ScopeError, TransientError } from '../errors.js';
import { deriveCoverage, type Judge, type TaskStatus } from '../model/coverage.js';
import type { Observation, ObservationData, ObservationKind, ScanErrorReason } from '../model/observation.js';
import type { ScanContext, Scanner } from '../model/scanner.js';
import type { HostTarget } from '../model/target.js';
import type { Network } from '../net/index.js';
import { ResolveError } from '../net/resolve.js';
import type { EngineEvent } from './events.js';
import { forEachParallel } from './parallel.js';

export interface HostRunDeps {
  scanners: readonly Scanner[];
  scannerOptions: Readonly<Record<string, unknown>>;
  network: Network;
  clock: Clock;
  random: Random;
  judge: Judge;
  emit(event: EngineEvent): void;
  auditSignal: AbortSignal;
  hostConcurrency: number;
  taskTimeoutMs: number;
  taskRetries: number;
}

export interface HostResult {
  up: boolean;
  tasks: number;
  tasksFailed: number;
  observations: number;
}

const ENGINE = 'engine';

/**
 * Runs every applicable scanner on one host — dependencies first, independent ones together —
 * then judges what was seen. Failures become scan.error observations and honest coverage, never
 * silence.
 */
export async function runHost(target: HostTarget, deps: HostRunDeps): Promise<HostResult> {
  const observations: Observation[] = [];
  const tasks: Array<{ scanner: string; status: TaskStatus }> = [];
  let unreachable = false;

  const record = (observation: Observation) => {
    observations.push(observation);
    deps.emit({ type: 'observation', observation });
  };
  const facts = <K extends ObservationKind>(kind: K): Array<Observation<K>> => observations.filter((o) => o.kind === kind) as Array<Observation<K>>;
  const ran = new Set<string>();
  const settle = (scanner: string, status: TaskStatus) => {
    tasks.push({ scanner, status });
    if (status === 'skipped' || status === 'unreachable' || (status === 'interrupted' && !ran.has(scanner))) {
      deps.emit({ type: 'task.end', host: target.host, scanner, status, durationMs: 0, attempts: 0 });
    }
  };

  deps.emit({ type: 'host.start', target });

  if (!target.address) {
    try {
      target.address = await deps.network.guardedResolve(target.host);
    } catch (error) {
      const reason: ScanErrorReason = error instanceof ResolveError ? 'dns' : error instanceof ScopeError ? 'out-of-scope' : 'error';
      record(makeObservation(target.host, ENGINE, deps.clock, 'scan.error', { scanner: ENGINE, reason, message: (error as Error).message }));
      unreachable = true;
    }
  }

  const pending = [...deps.scanners];
  while (pending.length > 0) {
    const producersLeft = (kind: ObservationKind) => pending.some((s) => s.observes.includes(kind));
    const ready = pending.filter((s) => ![...(s.after ?? []), ...(s.uses ?? [])].some(producersLeft));
    if (ready.length === 0) throw new Error(`scanner dependency cycle among ${pending.map((s) => s.id).join(', ')}`);
    for (const scanner of ready) pending.splice(pending.indexOf(scanner), 1);

    await Promise.all(
      ready.map(async (scanner) => {
        if (unreachable) return settle(scanner.id, 'unreachable');
        if (deps.auditSignal.aborted) return settle(scanner.id, 'interrupted');
        if (!scanner.appliesTo(target, facts, optionsOf(scanner, deps))) return settle(scanner.id, 'skipped');
        ran.add(scanner.id);
        settle(scanner.id, await runTask(scanner, target, deps, record, facts));
      }),
    );
    if (facts('host.status').some((o) => o.data.state === 'down')) unreachable = true;
  }

  const coverage = deriveCoverage(deps.scanners, tasks, observations);
  const up = !coverage.unreachable;
  if (target.explicit || up) {
    for (const finding of deps.judge(target, observations, coverage)) deps.emit({ type: 'finding', finding });
  }
  deps.emit({ type: 'host.end', target, up });
  const failed = tasks.filter((t) => t.status === 'error' || t.status === 'timeout' || t.status === 'interrupted').length;
  return { up, tasks: ran.size, tasksFailed: failed, observations: observations.length };
}

async function runTask(
  scanner: Scanner,
  target: HostTarget,
  deps: HostRunDeps,
  record: (observation: Observation) => void,
  facts: ScanContext['facts'],
): Promise<TaskStatus> {
  const started = deps.clock.monotonic();
  deps.emit({ type: 'task.start', host: target.host, scanner: scanner.id });
  const finish = (status: TaskStatus, attempts: number): TaskStatus => {
    deps.emit({ type: 'task.end', host: target.host, scanner: scanner.id, status, durationMs: deps.clock.monotonic() - started, attempts });
    return status;
  };
  const scanError = (reason: ScanErrorReason, message: string) =>
    record(makeObservation(target.host, scanner.id, deps.clock, 'scan.error', { scanner: scanner.id, reason, message }));

  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(deps.taskTimeoutMs);
    const signal = AbortSignal.any([deps.auditSignal, timeout]);
    // Every in-flight probe listens for abort; hundreds at once is by design, not a leak.
    setMaxListeners(0, signal);
    let yielded = 0;
    const net = deps.network.forTask(signal);
    const ctx: ScanContext = {
      net,
      signal,
      clock: deps.clock,
      options: optionsOf(scanner, deps),
      facts,
      parallel: (items, fn) => forEachParallel(items, deps.hostConcurrency, fn, signal),
      progress: (doneCount, total) => {
        deps.emit({ type: 'task.progress', host: target.host, scanner: scanner.id, done: doneCount, total });
      },
      observe: (kind, data, port) => makeObservation(target.host, scanner.id, deps.clock, kind, data, port),
    };
    try {
      for await (const observation of scanner.scan(target, ctx)) {
        record(observation);
        yielded++;
      }
      return finish('ok', attempt);
    } catch (error) {
      if (deps.auditSignal.aborted) {
        scanError('interrupted', 'the audit was stopped before this scan finished');
        return finish('interrupted', attempt);
      }
      if (timeout.aborted) {
        scanError('timeout', `no result within ${deps.taskTimeoutMs} ms`);
        return finish('timeout', attempt);
      }
      if (error instanceof TransientError && yielded === 0 && attempt <= deps.taskRetries) {
        const backoff = 200 * 2 ** (attempt - 1) * (0.5 + deps.random.next());
        await deps.clock.sleep(backoff, deps.auditSignal).catch(() => undefined);
        continue;
      }
      if (error instanceof ScopeError) scanError('out-of-scope', error.message);
      else if (isAbortError(error)) scanError('interrupted', 'aborted');
      else scanError('error', (error as Error).message ?? String(error));
      return finish('error', attempt);
    } finally {
      net.release();
    }
  }
}

export function makeObservation<K extends ObservationKind>(
  host: string,
  scanner: string,
  clock: Clock,
  kind: K,
  data: ObservationData[K],
  port?: number,
): Observation<K> {
  const observation = { kind, host, scanner, at: new Date(clock.now()).toISOString(), data } as Observation<K>;
  if (port !== undefined) observation.port = port;
  return observation;
}

function optionsOf(scanner: Scanner, deps: HostRunDeps): unknown {
  return { ...(scanner.defaults as object), ...(deps.scannerOptions[scanner.id] as object | undefined) };
}
