import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { Clock, Random } from './clock.js';
import { UsageError } from './errors.js';
import type { AuditStats, AuditStatus } from './model/audit.js';
import type { Judge } from './model/coverage.js';
import type { Scanner } from './model/scanner.js';
import { SEVERITIES, type Severity } from './model/severity.js';
import type { TargetGroup } from './model/target.js';
import { Network } from './net/index.js';
import { Resolver, type LookupFn } from './net/resolve.js';
import { Scope } from './scope/scope.js';
import type { EngineEvent, EventSink } from './scheduler/events.js';
import { runHost } from './scheduler/host-run.js';
import { ProgressTracker } from './scheduler/progress.js';
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
  /** Replaces the system resolver (tests pin everything and never query DNS). */
  lookup?: LookupFn;
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
  const scanners = job.scanners.map((id) => {
    const scanner = deps.scanners.find((s) => s.id === id);
    if (!scanner) throw new UsageError('scanner.unknown', { id, known: deps.scanners.map((s) => s.id).join(', ') });
    return scanner;
  });
  const targets = buildTargetSet(job);
  const scope = new Scope(targets.scopeSpec(job.excludePorts));
  const resolver = new Resolver(job.resolve, deps.lookup);
  const network = new Network({ scope, limits: job.limits, resolver, clock: deps.clock, userAgent: job.userAgent });
  const progress = new ProgressTracker(targets.size, Math.max(1, scanners.length), deps.clock);

  let lastProgress = 0;
  const emit = (event: EngineEvent) => {
    for (const sink of deps.sinks) sink.handle(event);
    if (event.type === 'task.progress' || event.type === 'host.end') {
      const now = deps.clock.monotonic();
      if (now - lastProgress >= 100 || event.type === 'host.end') {
        lastProgress = now;
        const snapshot = progress.snapshot(network.guard.operations, network.guard.paused);
        for (const sink of deps.sinks) sink.handle({ type: 'progress', snapshot });
      }
    }
  };

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
  const counting = (event: EngineEvent) => {
    if (event.type === 'finding') {
      stats.outcomes[event.finding.outcome] = (stats.outcomes[event.finding.outcome] ?? 0) + 1;
      if (event.finding.outcome === 'fail') stats.failures[event.finding.severity]++;
    }
    emit(event);
  };

  // Each running task ties its own signal to the audit's: one listener per task, by design.
  setMaxListeners(0, deps.signal);

  const run = async (): Promise<{ status: AuditStatus; stats: AuditStats }> => {
    emit({ type: 'audit.start', hostsTotal: targets.size, scanners: scanners.map((s) => s.id) });
    const queue = new PQueue({ concurrency: job.limits.maxHosts });
    const hostDeps = {
      scanners,
      scannerOptions: job.scannerOptions,
      network,
      clock: deps.clock,
      random: deps.random,
      judge: deps.judge,
      emit: counting,
      progress,
      auditSignal: deps.signal,
      hostConcurrency: job.limits.hostConcurrency,
      taskTimeoutMs: job.limits.taskTimeoutMs,
      taskRetries: job.limits.taskRetries,
    };
    let failure: unknown = null;
    for (const target of targets.hosts()) {
      if (deps.signal.aborted || failure) break;
      if (queue.size >= job.limits.maxHosts) await queue.onSizeLessThan(job.limits.maxHosts);
      if (deps.signal.aborted) break;
      queue
        .add(async () => {
          const result = await runHost(target, hostDeps);
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
    emit({ type: 'progress', snapshot: progress.snapshot(network.guard.operations, false) });
    emit({ type: 'audit.end', status, stats });
    for (const sink of deps.sinks) await sink.flush?.();
    return { status, stats };
  };

  return {
    done: run(),
    pause: () => network.guard.pause(),
    resume: () => network.guard.resume(),
  };
}
