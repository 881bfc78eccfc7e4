import type { Clock } from '../clock.js';
import type { TaskNet } from '../net/index.js';
import type { Observation, ObservationData, ObservationKind } from './observation.js';
import type { HostTarget } from './target.js';

export interface ScanContext<Options = unknown> {
  /** The only network access a scanner has; bound to this task's abort signal. */
  net: TaskNet;
  signal: AbortSignal;
  clock: Clock;
  options: Options;
  /** Observations of `kind` made on this host by scanners that ran before this one. */
  facts<K extends ObservationKind>(kind: K): ReadonlyArray<Observation<K>>;
  /** Runs `fn` over `items` with the engine's per-host parallelism; scanners start no pools of their own. */
  parallel<T>(items: Iterable<T>, fn: (item: T) => Promise<void>): Promise<void>;
  /** Reports progress within this task (e.g. ports probed of ports planned). */
  progress(done: number, total: number): void;
  /** Builds an observation of this scanner about this host, stamped with the current time. */
  observe<K extends ObservationKind>(kind: K, data: ObservationData[K], port?: number): Observation<K>;
}

/**
 * A scanner only observes: it reads the network through ctx.net and yields facts. It never
 * writes to the store, prints, reads rule files or decides severity.
 */
export interface Scanner<Options = unknown> {
  id: string;
  /** Every kind this scanner may yield (besides scan.error); a test holds it to that. */
  observes: readonly ObservationKind[];
  /** Kinds produced by other scanners that this one needs; those scanners run first on the host. */
  after?: readonly ObservationKind[];
  /** Kinds this one reads when they are there: their scanners, when chosen, run first, but are not brought along. */
  uses?: readonly ObservationKind[];
  defaults: Options;
  appliesTo(target: HostTarget, facts: <K extends ObservationKind>(kind: K) => ReadonlyArray<Observation<K>>, options: Options): boolean;
  scan(target: HostTarget, ctx: ScanContext<Options>): AsyncIterable<Observation>;
}
