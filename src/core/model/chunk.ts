import type { HostJobSpec } from '../scheduler/host-runner.js';
import type { AuditStats } from './audit.js';
import type { TaskRecord } from './coverage.js';
import type { Observation } from './observation.js';
import type { HostTarget } from './target.js';

/**
 * One job of a distributed audit, as plain data: a few hosts of one segment, the scanners and
 * limits to run on them, and a scope narrowed to exactly those hosts. An agent takes it from its
 * segment's queue and runs the same engine as `rasoat scan`.
 */
export interface ChunkJob {
  v: 1;
  auditUuid: string;
  chunk: number;
  segment: string;
  hosts: HostTarget[];
  spec: HostJobSpec;
  /** Hosts worked on at once inside this job. */
  maxHosts: number;
}

/** What an agent saw of one host: facts only; the server judges them. */
export interface HostReport {
  target: HostTarget;
  up: boolean;
  tasks: TaskRecord[];
  observations: Observation[];
}

/** What an agent sends back for a job: its hosts' facts, or why it refused the job. */
export interface ChunkResult {
  v: 1;
  auditUuid: string;
  chunk: number;
  segment: string;
  agent: string;
  /** Set when the agent would not run the job (a host outside its own allowed scope). */
  refused?: string;
  hosts: HostReport[];
}

/** queued: sent to the segment's queue; stored: its results are in the history; not-assessed: never scanned (no agent, refused, failed). */
export type ChunkState = 'queued' | 'stored' | 'not-assessed';

export interface ChunkRecord {
  auditId: number;
  chunk: number;
  segment: string;
  hosts: number;
  state: ChunkState;
  agent: string | null;
  reason: string | null;
  updatedAt: string;
  /** What the chunk added to the audit's totals, once settled. */
  stats: AuditStats | null;
  job: ChunkJob;
}

/** What the server needs to judge an audit's results, so a restarted server judges them the same way. */
export interface JudgeSpec {
  /** Extra rule directories given to the scan (besides the built-in rules). */
  rulesDirs: string[];
  /** Rule parameters as given (`--rule-param`, `--cert-expiry-days`). */
  ruleParams: string[];
  certExpiryDays?: string;
  /** The rules the audit runs (its profile's selection). */
  ruleIds: string[];
}

/** How a distributed audit was split: kept with the audit, read again on resume. */
export interface DistributedPlan {
  segments: Array<{ segment: string; hosts: number; chunks: number }>;
  judge: JudgeSpec;
  /** How long a segment may be without a live agent before its waiting hosts are called not assessed. */
  agentWaitMs: number;
}
