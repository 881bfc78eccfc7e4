import type { Clock, Random } from '../clock.js';
import type { Judge } from '../model/coverage.js';
import type { Scanner } from '../model/scanner.js';
import type { HostTarget } from '../model/target.js';
import { Network, type NetLimits } from '../net/index.js';
import { Resolver, type LookupFn } from '../net/resolve.js';
import { Scope, type ScopeSpec } from '../scope/scope.js';
import type { EngineEvent } from './events.js';
import { runHost, type HostResult } from './host-run.js';

/** Where host jobs run: this thread, or worker threads. The engine cannot tell the difference. */
export interface HostRunner {
  run(target: HostTarget): Promise<HostResult>;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Network operations started so far, in every thread. */
  operations(): number;
  close(): Promise<void>;
}

/** Everything needed to run host jobs, as plain data (it crosses thread boundaries). */
export interface HostJobSpec {
  scope: ScopeSpec;
  limits: NetLimits & { taskTimeoutMs: number; taskRetries: number };
  resolve: Record<string, string[]>;
  scanners: string[];
  scannerOptions: Record<string, unknown>;
  userAgent: string;
}

export interface HostRunnerDeps {
  registry: readonly Scanner[];
  judge: Judge;
  clock: Clock;
  random: Random;
  signal: AbortSignal;
  emit(event: EngineEvent): void;
  lookup?: LookupFn;
}

export class InProcessRunner implements HostRunner {
  private readonly network: Network;
  private readonly hostDeps: Parameters<typeof runHost>[1];

  constructor(spec: HostJobSpec, deps: HostRunnerDeps) {
    const resolver = new Resolver(spec.resolve, deps.lookup);
    this.network = new Network({ scope: new Scope(spec.scope), limits: spec.limits, resolver, clock: deps.clock, userAgent: spec.userAgent });
    this.hostDeps = {
      scanners: spec.scanners.map((id) => deps.registry.find((s) => s.id === id)!),
      scannerOptions: spec.scannerOptions,
      network: this.network,
      clock: deps.clock,
      random: deps.random,
      judge: deps.judge,
      emit: (event) => deps.emit(event),
      auditSignal: deps.signal,
      hostConcurrency: spec.limits.hostConcurrency,
      taskTimeoutMs: spec.limits.taskTimeoutMs,
      taskRetries: spec.limits.taskRetries,
    };
  }

  run(target: HostTarget): Promise<HostResult> {
    return runHost(target, this.hostDeps);
  }

  pause(): void {
    this.network.guard.pause();
  }

  resume(): void {
    this.network.guard.resume();
  }

  get paused(): boolean {
    return this.network.guard.paused;
  }

  operations(): number {
    return this.network.guard.operations;
  }

  async close(): Promise<void> {}
}
