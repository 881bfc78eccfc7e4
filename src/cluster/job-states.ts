import { Queue } from 'bullmq';
import type { ChunkRecord } from '../core/model/chunk.js';
import { KEY_PREFIX, type QueueLocation } from './connection.js';
import { chunkJobId, jobsQueue } from './names.js';

/** Where one job of a distributed audit stands, as an auditor asks it: done, running, waiting or not assessed. */
export interface JobState {
  chunk: number;
  segment: string;
  hosts: string[];
  state: 'done' | 'running' | 'waiting' | 'not-assessed' | 'failed' | 'unknown';
  agent: string | null;
  reason: string | null;
}

/** The store says what is settled; the queue (when reachable) says which of the rest run, and where. */
export async function jobStates(chunks: readonly ChunkRecord[], uuid: string, location: QueueLocation | null): Promise<JobState[]> {
  const queues = new Map<string, Queue>();
  try {
    const states: JobState[] = [];
    for (const c of chunks) {
      const base = { chunk: c.chunk, segment: c.segment, hosts: c.job.hosts.map((h) => h.host), agent: c.agent, reason: c.reason };
      if (c.state === 'stored') states.push({ ...base, state: 'done' });
      else if (c.state === 'not-assessed') states.push({ ...base, state: 'not-assessed' });
      else if (!location) states.push({ ...base, state: 'unknown' });
      else {
        let queue = queues.get(c.segment);
        if (!queue) queues.set(c.segment, (queue = new Queue(jobsQueue(c.segment), { connection: location.options, prefix: KEY_PREFIX })));
        const job = await queue.getJob(chunkJobId(uuid, c.chunk));
        const state = job ? await job.getState() : 'unknown';
        const agent = job?.processedBy ?? null;
        if (state === 'active') states.push({ ...base, state: 'running', agent });
        else if (state === 'failed') states.push({ ...base, state: 'failed', agent, reason: job?.failedReason ?? null });
        else if (state === 'completed') states.push({ ...base, state: 'running', agent, reason: 'result not yet stored' });
        else if (state === 'unknown') states.push({ ...base, state: 'unknown' });
        else states.push({ ...base, state: 'waiting' });
      }
    }
    return states;
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
