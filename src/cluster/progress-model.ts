import type { AgentBeat } from './agent.js';

/** Where a distributed audit stands, segment by segment and agent by agent. */
export interface DistributedProgress {
  auditId: number;
  hostsTotal: number;
  hostsDone: number;
  hostsNotAssessed: number;
  /** Hosts inside jobs that agents are working on now. */
  hostsRunning: number;
  chunksTotal: number;
  chunksDone: number;
  segments: SegmentProgress[];
  elapsedMs: number;
}

export interface SegmentProgress {
  segment: string;
  hosts: number;
  hostsDone: number;
  hostsNotAssessed: number;
  /** true when no agent of the segment has been heard from recently. */
  waiting: boolean;
  agents: Array<Pick<AgentBeat, 'name' | 'jobsDone' | 'jobsFailed' | 'current'> & { live: boolean }>;
}
