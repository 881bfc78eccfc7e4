import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock, Random } from '../core/clock.js';
import type { ChunkJob, ChunkResult } from '../core/model/chunk.js';
import type { Scanner } from '../core/model/scanner.js';
import type { AgentScope } from './agent-scope.js';
import { KEY_PREFIX, openRedis, queueFailure, type QueueLocation } from './connection.js';
import { agentsKey, chunkJobId, jobsQueue, resultsQueue } from './names.js';
import { runChunk } from './run-chunk.js';

export interface AgentOptions {
  name: string;
  segment: string;
  location: QueueLocation;
  allowed: AgentScope;
  version: string;
  /** How long a job stays ours without a lock renewal: after that (we died) it goes to another agent. */
  lockMs: number;
  heartbeatMs: number;
  registry: readonly Scanner[];
  clock: Clock;
  random: Random;
  log(event: AgentLogEvent): void;
}

export type AgentLogEvent =
  | { type: 'done'; job: string; hosts: number; ms: number }
  | { type: 'refused'; job: string; reason: string }
  | { type: 'failed'; job: string; detail: string }
  | { type: 'error'; detail: string };

/** What an agent says about itself every few seconds; `rasoat agents` and the server read it. */
export interface AgentBeat {
  name: string;
  segment: string;
  version: string;
  machine: string;
  pid: number;
  startedAt: string;
  lastSeen: string;
  jobsDone: number;
  jobsFailed: number;
  jobsRefused: number;
  /** The job being worked on and how far along it is. */
  current: { job: string; done: number; total: number } | null;
}

/**
 * A scan agent inside a segment: it only connects out (to Redis), takes its segment's jobs one at
 * a time, runs them with the engine under its own allowed scope, and posts the facts back. A job
 * whose lock it loses (it stalled) is stopped at once, so two agents never work on one host.
 */
export class Agent {
  private worker: Worker | null = null;
  /** One per audit whose jobs this agent ran: results go to the audit's own queue. */
  private readonly results = new Map<string, Queue>();
  private beatClient: Redis | null = null;
  private beatTimer: NodeJS.Timeout | null = null;
  private readonly beat: AgentBeat;

  constructor(private readonly options: AgentOptions) {
    const now = new Date(options.clock.now()).toISOString();
    this.beat = { name: options.name, segment: options.segment, version: options.version, machine: hostname(), pid: process.pid, startedAt: now, lastSeen: now, jobsDone: 0, jobsFailed: 0, jobsRefused: 0, current: null };
  }

  async start(): Promise<void> {
    const { location, segment } = this.options;
    this.beatClient = await openRedis(location, `rasoat-agent-${this.options.name}`);
    try {
      await this.heartbeat();
    } catch (error) {
      this.beatClient.disconnect();
      throw queueFailure(error, location);
    }
    this.beatTimer = setInterval(() => void this.heartbeat().catch((error: unknown) => this.options.log({ type: 'error', detail: queueFailure(error, location).message })), this.options.heartbeatMs);
    
    this.worker = new Worker(jobsQueue(segment), (job, _token, signal) => this.process(job, signal), {
      connection: location.options,
      prefix: KEY_PREFIX,
      concurrency: 1,
      lockDuration: this.options.lockMs,
      stalledInterval: Math.max(1000, Math.floor(this.options.lockMs / 2)),
      maxStalledCount: 2,
      name: this.options.name,
    });
    this.worker.on('lockRenewalFailed', (ids: string[]) => ids.forEach((id) => this.worker?.cancelJob(id, 'lock lost')));
    this.worker.on('error', (error) => this.options.log({ type: 'error', detail: queueFailure(error, location).message }));
    await this.worker.waitUntilReady();
  }

  /** Stops taking jobs; a job in progress is cancelled and goes back to the queue for another agent. */
  async stop(): Promise<void> {
    if (this.beatTimer) clearInterval(this.beatTimer);
    this.worker?.cancelAllJobs('agent stopping');
    await this.worker?.close().catch(() => undefined);
    await Promise.all([...this.results.values()].map((q) => q.close().catch(() => undefined)));
    this.beat.current = null;
    await this.heartbeat().catch(() => undefined);
    this.beatClient?.disconnect();
  }

  private async process(job: Job, signal: AbortSignal | undefined): Promise<void> {
    const data = job.data as ChunkJob;
    const id = job.id ?? chunkJobId(data.auditUuid, data.chunk);
    const started = this.options.clock.monotonic();
    this.beat.current = { job: id, done: 0, total: data.hosts.length };
    const stop = signal ?? new AbortController().signal;
    try {
      const outcome = await runChunk(data, {
        registry: this.options.registry,
        clock: this.options.clock,
        random: this.options.random,
        signal: stop,
        allowed: this.options.allowed,
        onProgress: (done, total) => {
          this.beat.current = { job: id, done, total };
        },
      });
      const result: ChunkResult = { v: 1, auditUuid: data.auditUuid, chunk: data.chunk, segment: data.segment, agent: this.options.name, hosts: 'hosts' in outcome ? outcome.hosts : [] };
      if ('refused' in outcome) result.refused = outcome.refused;
      // The result's id is the job's: a job run twice (redelivered after a crash) posts one result.
      // Kept until stored: a store that is busy or full fails the result, and the server retries it.
      await this.resultsOf(data).add('result', result, { jobId: id, removeOnComplete: true, removeOnFail: false, attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
      if ('refused' in outcome) {
        this.beat.jobsRefused++;
        this.options.log({ type: 'refused', job: id, reason: outcome.refused });
      } else {
        this.beat.jobsDone++;
        this.options.log({ type: 'done', job: id, hosts: data.hosts.length, ms: this.options.clock.monotonic() - started });
      }
    } catch (error) {
      this.beat.jobsFailed++;
      this.options.log({ type: 'failed', job: id, detail: (error as Error).message });
      throw error;
    } finally {
      this.beat.current = null;
    }
  }

  private resultsOf(job: ChunkJob): Queue {
    let queue = this.results.get(job.auditUuid);
    if (!queue) {
      queue = new Queue(resultsQueue(this.options.segment, job.auditUuid), { connection: this.options.location.options, prefix: KEY_PREFIX });
      this.results.set(job.auditUuid, queue);
      // A long-lived agent sees many audits: keep connections for the few most recent only.
      for (const [uuid, old] of [...this.results].slice(0, Math.max(0, this.results.size - 4))) {
        this.results.delete(uuid);
        void old.close().catch(() => undefined);
      }
    }
    return queue;
  }

  private async heartbeat(): Promise<void> {
    this.beat.lastSeen = new Date(this.options.clock.now()).toISOString();
    await this.beatClient!.hset(agentsKey(this.options.segment), this.options.name, JSON.stringify(this.beat));
  }
}
