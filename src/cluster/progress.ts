import type { ChunkRecord, DistributedPlan } from '../core/model/chunk.js';
import type { DistributedProgress } from '../core/model/cluster-progress.js';
import type { ProgressSnapshot } from '../core/scheduler/events.js';
import type { readBeats } from './agent-beats.js';

/** Where a distributed audit stands, from its chunks and the agents' latest heartbeats. */
export function progressOf(
  auditId: number,
  chunks: ChunkRecord[],
  outstanding: Map<number, ChunkRecord>,
  beats: Awaited<ReturnType<typeof readBeats>>,
  uuid: string,
  elapsedMs: number,
  lastLive: Map<string, number>,
  plan: DistributedPlan,
): DistributedProgress {
  const segments = plan.segments.map(({ segment, hosts }) => {
    const own = chunks.filter((c) => c.segment === segment);
    const settled = own.filter((c) => !outstanding.has(c.chunk));
    const agents = (beats.get(segment) ?? []).map((b) => ({ name: b.name, live: b.live, jobsDone: b.jobsDone, jobsFailed: b.jobsFailed, current: b.current?.job.startsWith(`${uuid}.`) ? b.current : null }));
    return {
      segment,
      hosts,
      hostsDone: settled.reduce((n, c) => n + c.hosts, 0),
      hostsNotAssessed: settled.filter((c) => c.state === 'not-assessed').reduce((n, c) => n + c.hosts, 0),
      waiting: !agents.some((a) => a.live) && !lastLive.has(segment),
      agents,
    };
  });
  return {
    auditId,
    hostsTotal: plan.segments.reduce((n, s) => n + s.hosts, 0),
    hostsDone: segments.reduce((n, s) => n + s.hostsDone, 0),
    hostsNotAssessed: segments.reduce((n, s) => n + s.hostsNotAssessed, 0),
    hostsRunning: segments.reduce((n, s) => n + s.agents.reduce((m, a) => m + (a.live && a.current ? a.current.total - a.current.done : 0), 0), 0),
    chunksTotal: chunks.length,
    chunksDone: chunks.length - outstanding.size,
    segments,
    elapsedMs,
  };
}

/** The engine's progress snapshot, as far as a central process can know it. */
export function snapshotOf(p: DistributedProgress): ProgressSnapshot {
  const fraction = p.hostsTotal === 0 ? 1 : p.hostsDone / p.hostsTotal;
  const rate = p.elapsedMs > 0 ? p.hostsDone / (p.elapsedMs / 1000) : 0;
  return {
    hostsTotal: p.hostsTotal,
    hostsDone: p.hostsDone,
    hostsRunning: p.hostsRunning,
    tasksDone: 0,
    tasksRunning: 0,
    fraction,
    hostsPerSecond: rate,
    operationsPerSecond: 0,
    elapsedMs: p.elapsedMs,
    etaMs: rate > 0 ? ((p.hostsTotal - p.hostsDone) / rate) * 1000 : null,
    paused: false,
  };
}
