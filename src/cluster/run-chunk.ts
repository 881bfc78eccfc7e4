import PQueue from 'p-queue';
import type { Clock, Random } from '../core/clock.js';
import type { ChunkJob, HostReport } from '../core/model/chunk.js';
import type { Scanner } from '../core/model/scanner.js';
import type { EngineEvent } from '../core/scheduler/events.js';
import { InProcessRunner } from '../core/scheduler/host-runner.js';
import type { AgentScope } from './agent-scope.js';

export interface ChunkRunDeps {
  registry: readonly Scanner[];
  clock: Clock;
  random: Random;
  signal: AbortSignal;
  allowed: AgentScope;
  /** Hosts finished so far, of all in the job. */
  onProgress?(done: number, total: number): void;
}

export type ChunkOutcome = { refused: string } | { hosts: HostReport[] };

/**
 * Runs one job with the same engine, per-host limits and scope guard as `rasoat scan`, but judges
 * nothing: the facts go back to the server, which judges them with the audit's rules. Throws when
 * stopped (the job then goes back to the queue rather than being reported half done).
 */
export async function runChunk(job: ChunkJob, deps: ChunkRunDeps): Promise<ChunkOutcome> {
  const refusal = deps.allowed.refusal(job);
  if (refusal) return { refused: refusal };
  const facts = new Map<string, { tasks: HostReport['tasks']; observations: HostReport['observations'] }>();
  const factsOf = (host: string) => {
    let entry = facts.get(host);
    if (!entry) facts.set(host, (entry = { tasks: [], observations: [] }));
    return entry;
  };
  const emit = (event: EngineEvent) => {
    if (event.type === 'observation') factsOf(event.observation.host).observations.push(event.observation);
    else if (event.type === 'task.end') factsOf(event.host).tasks.push({ host: event.host, scanner: event.scanner, status: event.status, durationMs: event.durationMs, attempts: event.attempts });
  };
  const spec = { ...job.spec, scope: deps.allowed.narrow(job.spec.scope) };
  const runner = new InProcessRunner(spec, { registry: deps.registry, judge: () => [], clock: deps.clock, random: deps.random, signal: deps.signal, emit });
  const reports: HostReport[] = [];
  const queue = new PQueue({ concurrency: Math.max(1, job.maxHosts) });
  try {
    await Promise.all(
      job.hosts.map((target) =>
        queue.add(async () => {
          if (deps.signal.aborted) return;
          const result = await runner.run(target);
          const { tasks, observations } = factsOf(target.host);
          facts.delete(target.host);
          reports.push({ target, up: result.up, tasks, observations });
          deps.onProgress?.(reports.length, job.hosts.length);
        }),
      ),
    );
  } finally {
    await runner.close();
  }
  if (deps.signal.aborted) throw new Error(String(deps.signal.reason ?? 'stopped'));
  return { hosts: reports };
}
