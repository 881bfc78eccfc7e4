import type { Finding } from './finding.js';
import type { Observation, ObservationKind } from './observation.js';
import type { HostTarget } from './target.js';

/** How one scanner's task on one host ended. */
export type TaskStatus = 'ok' | 'error' | 'timeout' | 'interrupted' | 'skipped' | 'unreachable';

export interface TaskRecord {
  host: string;
  scanner: string;
  status: TaskStatus;
  durationMs: number;
  attempts: number;
}

/** What the engine managed to find out about one host, kind by kind: the basis of honest outcomes. */
export interface HostCoverage {
  /** Kinds whose producing scanner finished normally on this host. */
  assessed: ReadonlySet<ObservationKind>;
  /** Kinds whose producing scanner failed here, with the reason (timeout, error, interrupted ...). */
  failed: ReadonlyMap<ObservationKind, string>;
  /** Kinds whose scanner does not apply to this host. */
  notApplicable: ReadonlySet<ObservationKind>;
  /** Why nothing could be assessed (the host did not answer, its name did not resolve ...). */
  unreachable?: string;
  /** Why a kind was not gathered, when it is more than "its scanner did not run" (e.g. no feed imported to judge with). */
  notGathered?: ReadonlyMap<ObservationKind, string>;
}

/** Rules, as the engine sees them: observations and coverage in, findings out. Injected by the CLI. */
export type Judge = (target: HostTarget, observations: readonly Observation[], coverage: HostCoverage) => Finding[];

/**
 * Coverage from the task log and the observations: the same function serves the live engine and
 * `rejudge`, so re-judging stored facts gives exactly the verdicts the scan gave.
 */
export function deriveCoverage(
  scanners: ReadonlyArray<{ id: string; observes: readonly ObservationKind[] }>,
  tasks: ReadonlyArray<Pick<TaskRecord, 'scanner' | 'status'>>,
  observations: readonly Observation[],
): HostCoverage {
  const assessed = new Set<ObservationKind>();
  const failed = new Map<ObservationKind, string>();
  const notApplicable = new Set<ObservationKind>();
  for (const task of tasks) {
    const scanner = scanners.find((s) => s.id === task.scanner);
    if (!scanner) continue;
    for (const kind of scanner.observes) {
      if (task.status === 'ok') assessed.add(kind);
      else if (task.status === 'skipped') notApplicable.add(kind);
      else if (task.status !== 'unreachable') failed.set(kind, task.status);
    }
  }
  const engineError = observations.find(
    (o): o is Observation<'scan.error'> => o.kind === 'scan.error' && o.scanner === 'engine' && (o.data.reason === 'dns' || o.data.reason === 'out-of-scope' || o.data.reason === 'not-scanned'),
  );
  const down = observations.find((o): o is Observation<'host.status'> => o.kind === 'host.status' && o.data.state === 'down');
  const unreachable = engineError ? (engineError.data.reason === 'not-scanned' ? `not-scanned: ${engineError.data.message}` : engineError.data.reason) : down ? `host-down: ${down.data.reason}` : undefined;
  if (unreachable) {
    for (const kind of [...assessed]) if (kind !== 'host.status') assessed.delete(kind);
    return { assessed, failed, notApplicable, unreachable };
  }
  return { assessed, failed, notApplicable };
}
