import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { Clock, Random } from './clock.js';
import { UsageError } from './errors.js';
import type { AuditStats, AuditStatus } from './model/audit.js';
import type { Judge } from './model/coverage.js';
import type { Scanner } from './model/scanner.js';
import { SEVERITIES, type Severity } from './model/severity.js';
import type { TargetGroup } from './model/target.js';
import type { LookupFn } from './net/resolve.js';
import type { EngineEvent, EventSink } from './scheduler/events.js';
import { InProcessRunner, type HostJobSpec, type HostRunner } from './scheduler/host-runner.js';
import { ProgressTracker } from './scheduler/progress.js';
import { WorkerPoolRunner, type WorkerPoolOptions } from './scheduler/worker-pool.js';
import { DEFAULT_MAX_ADDRESSES, EXCLUSION_LIMITS, parseTarget } from './targets/parse.js';
import { TargetSet } from './targets/set.js';

export interface AuditLimits {
  /** Network operations in flight at once, all hosts together. */
  concurrency: number;
  /** Network operations in flight against one host. */
  hostConcurrency: number;
  /** New connections a second per host; 0 for no limit. */
  ratePerHost: number;
  /** Hosts worked on at once. */
  maxHosts: number;
  /** Wall-clock limit for one scanner on one host. */
  taskTimeoutMs: number;
  /** Extra attempts for a task that failed for a local, transient reason. */
  taskRetries: number;
}

/**
 * A unit of work as plain data: it serialises to JSON, so the same engine can run it here or in
 * an agent that took it from a queue.
 */
export interface AuditJob {
  targets: Array<{ spec: string; group?: TargetGroup }>;
  exclude: string[];
  excludePorts: string;
  resolve: Record<string, string[]>;
  allowLarge: boolean;
  scanners: string[];
  scannerOptions: Record<string, unknown>;
  limits: AuditLimits;
  userAgent: string;
}

export interface EngineDeps {
  /** The scanner registry; the job names which of them run. */
  scanners: readonly Scanner[];
  judge: Judge;
  sinks: EventSink[];
  clock: Clock;
  random: Random;
  signal: AbortSignal;
  /** Replaces the system resolver (tests pin everything and never query DNS). In-process only. */
  lookup?: LookupFn;
  /** Run host jobs on worker threads instead of this one. */
  workers?: WorkerPoolOptions;
}

export interface AuditRun {
  done: Promise<{ status: AuditStatus; stats: AuditStats }>;
  pause(): void;
  resume(): void;
}

export function buildTargetSet(job: Pick<AuditJob, 'targets' | 'exclude' | 'allowLarge'>): TargetSet {
  const limits = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: job.allowLarge };
  const entries = job.targets.map(({ spec, group }) => (group ? { entry: parseTarget(spec, limits), group } : { entry: parseTarget(spec, limits) }));
  const exclusions = job.exclude.map((spec) => parseTarget(spec, EXCLUSION_LIMITS));
  return TargetSet.build(entries, exclusions, limits);
}

/** Scope → hosts → scanners per host under the limits → judged findings, all reported as events. */
export function startAudit(job: AuditJob, deps: EngineDeps): AuditRun {
  for (const id of job.scanners) {
    if (!deps.scanners.some((s) => s.id === id)) throw new UsageError('scanner.unknown', { id, known: deps.scanners.map((s) => s.id).join(', ') });
  }
  const targets = buildTargetSet(job);
  const spec: HostJobSpec = {
    scope: targets.scopeSpec(job.excludePorts),
    limits: job.limits,
    resolve: job.resolve,
    scanners: job.scanners,
    scannerOptions: job.scannerOptions,
    userAgent: job.userAgent,
  };
  const progress = new ProgressTracker(targets.size, Math.max(1, job.scanners.length), deps.clock);
  const stats: AuditStats = {
    hosts: 0,
    hostsUp: 0,
    hostsDown: 0,
    tasks: 0,
    tasksFailed: 0,
    observations: 0,
    failures: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    outcomes: {},
  };

  let runner: HostRunner;
  let lastProgress = 0;
  const broadcast = (event: EngineEvent) => {
    for (const sink of deps.sinks) sink.handle(event);
  };
  const snapshot = () => progress.snapshot(runner.operations(), runner.paused);
  const emit = (event: EngineEvent) => {
    progress.observe(event);
    if (event.type === 'finding') {
      stats.outcomes[event.finding.outcome] = (stats.outcomes[event.finding.outcome] ?? 0) + 1;
      if (event.finding.outcome === 'fail') stats.failures[event.finding.severity]++;
    }
    broadcast(event);
    if (event.type === 'task.progress' || event.type === 'host.end') {
      const now = deps.clock.monotonic();
      if (now - lastProgress >= 100 || event.type === 'host.end') {
        lastProgress = now;
        broadcast({ type: 'progress', snapshot: snapshot() });
      }
    }
  };
  // Each running task ties its own signal to the audit's: one listener per task, by design.
  setMaxListeners(0, deps.signal);
  runner =
    deps.workers && deps.workers.threads > 0
      ? new WorkerPoolRunner(spec, deps.workers, emit, deps.signal)
      : new InProcessRunner(spec, { registry: deps.scanners, judge: deps.judge, clock: deps.clock, random: deps.random, signal: deps.signal, emit, ...(deps.lookup ? { lookup: deps.lookup } : {}) });

  const run = async (): Promise<{ status: AuditStatus; stats: AuditStats }> => {
    try {
      broadcast({ type: 'audit.start', hostsTotal: targets.size, scanners: job.scanners });
      const queue = new PQueue({ concurrency: job.limits.maxHosts });
      let failure: unknown = null;
      for (const target of targets.hosts()) {
        if (deps.signal.aborted || failure) break;
        if (queue.size >= job.limits.maxHosts) await queue.onSizeLessThan(job.limits.maxHosts);
        if (deps.signal.aborted) break;
        queue
          .add(async () => {
            const result = await runner.run(target);
            stats.hosts++;
            stats.tasks += result.tasks;
            stats.tasksFailed += result.tasksFailed;
            stats.observations += result.observations;
            if (result.up) stats.hostsUp++;
            else stats.hostsDown++;
          })
          .catch((error: unknown) => {
            failure ??= error;
          });
      }
      await queue.onIdle();
      if (failure) throw failure;
      const status: AuditStatus = deps.signal.aborted ? 'interrupted' : 'complete';
      broadcast({ type: 'progress', snapshot: snapshot() });
      broadcast({ type: 'audit.end', status, stats });
      for (const sink of deps.sinks) await sink.flush?.();
      return { status, stats };
    } finally {
      await runner.close();
    }
  };

  return {
    done: run(),
    pause: () => runner.pause(),
    resume: () => runner.resume(),
  };
}
