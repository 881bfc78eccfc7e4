import type { HostTarget } from '../model/target.js';
import type { EngineEvent } from './events.js';
import type { HostResult } from './host-run.js';
import type { HostJobSpec } from './host-runner.js';

/** What a host worker starts with (its workerData). */
export interface WorkerInit {
  spec: HostJobSpec;
  /** Whatever the entry module needs to build its judge (the rules, as data). */
  data: unknown;
}

export type ToWorker = { type: 'host'; id: number; target: HostTarget } | { type: 'pause' } | { type: 'resume' } | { type: 'abort' };

export type FromWorker =
  | { type: 'events'; events: EngineEvent[]; operations: number }
  | { type: 'host.done'; id: number; result: HostResult; target: HostTarget }
  | { type: 'fatal'; message: string };
