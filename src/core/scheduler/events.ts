import type { AuditStats, AuditStatus } from '../model/audit.js';
import type { DistributedProgress } from '../model/cluster-progress.js';
import type { Finding } from '../model/finding.js';
import type { Observation } from '../model/observation.js';
import type { HostTarget } from '../model/target.js';

import type { TaskStatus } from '../model/coverage.js';

export type { TaskStatus };

export interface ProgressSnapshot {
  hostsTotal: number;
  hostsDone: number;
  hostsRunning: number;
  tasksDone: number;
  tasksRunning: number;
  /** Fraction of the whole audit done, 0..1, counting progress inside running tasks. */
  fraction: number;
  /** Hosts finished per second so far. */
  hostsPerSecond: number;
  /** Network operations (probes, requests) a second so far. */
  operationsPerSecond: number;
  elapsedMs: number;
  /** Estimated milliseconds left; null until there is enough to estimate from. */
  etaMs: number | null;
  paused: boolean;
}

/** Everything the engine tells the outside world. The store, the progress bar and the TUI all listen to this. */
export type EngineEvent =
  | { type: 'audit.start'; hostsTotal: number; scanners: string[] }
  | { type: 'host.start'; target: HostTarget }
  | { type: 'task.start'; host: string; scanner: string }
  | { type: 'task.progress'; host: string; scanner: string; done: number; total: number }
  | { type: 'task.end'; host: string; scanner: string; status: TaskStatus; durationMs: number; attempts: number }
  | { type: 'observation'; observation: Observation }
  | { type: 'finding'; finding: Finding }
  | { type: 'host.end'; target: HostTarget; up: boolean }
  | { type: 'progress'; snapshot: ProgressSnapshot }
  | { type: 'audit.end'; status: AuditStatus; stats: AuditStats }
  /** A distributed audit: where each segment and agent stands (the central process only). */
  | { type: 'cluster'; progress: DistributedProgress };

export interface EventSink {
  handle(event: EngineEvent): void;
  /** Resolves when everything handled so far is durable (the store) or shown (the UI). */
  flush?(): Promise<void>;
}
