import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import type { Clock } from '../core/clock.js';
import type { AuditStats, AuditStatus } from '../core/model/audit.js';
import type { ChunkRecord, HostReport } from '../core/model/chunk.js';
import type { Judge } from '../core/model/coverage.js';
import type { Scanner } from '../core/model/scanner.js';
import { QueueError } from '../core/errors.js';
import { t } from '../i18n/t.js';
import type { Store } from '../store/store.js';
import { readBeats } from './agent-beats.js';
import { KEY_PREFIX, openRedis, queueFailure, type QueueLocation } from './connection.js';
import { chunkJobId, coordinatorKey, jobsQueue, resultsQueue } from './names.js';
import type { EngineEvent, EventSink } from '../core/scheduler/events.js';
import { progressOf, snapshotOf } from './progress.js';
import { acceptResult, addStats, emptyStats, judgeReports, notScannedReports } from './settle.js';

export interface CoordinatorDeps {
  store: Store;
  location: QueueLocation;
  registry: readonly Scanner[];
  judge: Judge;
  clock: Clock;
  /** An agent silent for longer than this is taken for dead. */
  staleMs: number;
  tickMs: number;
  /** Stops coordinating (the audit goes on at the agents; a server can take it up again). */
  signal: AbortSignal;
  /** Told what the engine would tell them: the audit's start, its findings, progress, and its end. */
  sinks?: EventSink[];
  log?(line: string): void;
}

export type CoordinationEnd = { status: AuditStatus; stats: AuditStats } | 'detached';

const LOCK_MS = 10_000;
/** Attempts of a job before it is given up as failed (a crash or kill counts as one). */
export const JOB_ATTEMPTS = 3;

/**
 * Central side of one distributed audit: sends its queued chunks to their segments' queues (once:
 * ids are the chunks'), judges and stores each result as it comes back, calls a segment's hosts
 * not assessed when no agent of it is alive for the plan's grace period, and finishes the audit
 * when every chunk is settled. Restartable at any point: state lives in the store and the queues.
 */
export async function coordinate(auditId: number, deps: CoordinatorDeps): Promise<CoordinationEnd> {
  const { store, location, clock } = deps;
  const audit = await store.getAudit(String(auditId));
  const plan = await store.cluster.plan(auditId);
  if (!plan) throw new QueueError('queue.failed', { url: location.url, detail: `audit #${auditId} is not a distributed audit` });
  const redis = await openRedis(location, 'rasoat-central');
  const lockValue = `${hostname()}:${process.pid}:${clock.now()}`;
  // A coordinator that died holds the lock until it expires: wait that long before calling it busy.
  const lockDeadline = clock.monotonic() + LOCK_MS + 1000;
  while ((await redis.set(coordinatorKey(audit.uuid), lockValue, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    if (heldByDeadProcessHere(await redis.get(coordinatorKey(audit.uuid)))) {
      await redis.del(coordinatorKey(audit.uuid));
      continue;
    }
    if (clock.monotonic() > lockDeadline || deps.signal.aborted) {
      redis.disconnect();
      throw new QueueError('server.busy', { uuid: audit.uuid });
    }
    await clock.sleep(500);
  }
  // Whoever held the lock may have finished the audit meanwhile: then there is nothing to do.
  if (!(await store.cluster.unfinished()).includes(auditId)) {
    await redis.del(coordinatorKey(audit.uuid)).catch(() => undefined);
    redis.disconnect();
    const done = await store.getAudit(String(auditId));
    return { status: done.status, stats: done.stats ?? emptyStats() };
  }
  const chunks = await store.cluster.chunks(auditId);
  const outstanding = new Map(chunks.filter((c) => c.state === 'queued').map((c) => [c.chunk, c]));
  const segments = [...new Set(chunks.map((c) => c.segment))];
  const scanners = deps.registry.filter((s) => audit.scanners.includes(s.id));
  const jobQueues = new Map(segments.map((s) => [s, new Queue(jobsQueue(s), { connection: location.options, prefix: KEY_PREFIX })]));
  const resultQueues = new Map(segments.map((s) => [s, new Queue(resultsQueue(s, audit.uuid), { connection: location.options, prefix: KEY_PREFIX })]));
  const workers: Worker[] = [];
  const started = clock.monotonic();
  const lastLive = new Map<string, number>();
  const broadcast = (event: EngineEvent) => deps.sinks?.forEach((sink) => sink.handle(event));
  let settling: Promise<unknown> = Promise.resolve();
  let finish!: (end: CoordinationEnd) => void;
  let fail!: (error: unknown) => void;
  const ended = new Promise<CoordinationEnd>((resolve, reject) => ((finish = resolve), (fail = reject)));

  let completing = false;
  const settle = async (chunk: ChunkRecord, reports: HostReport[], state: 'stored' | 'not-assessed', agent: string | null, reason: string | null) => {
    if (!outstanding.has(chunk.chunk)) return;
    const { batch, stats } = judgeReports(reports, scanners, deps.judge);
    const stored = await store.cluster.settle(auditId, { chunk: chunk.chunk, state, agent, reason, at: new Date(clock.now()).toISOString(), stats, batch });
    outstanding.delete(chunk.chunk);
    chunk.state = state;
    if (stored) {
      for (const observation of batch.observations) if (observation.kind === 'port.open') broadcast({ type: 'observation', observation });
      for (const finding of batch.findings) broadcast({ type: 'finding', finding });
    }
    if (outstanding.size === 0 && !completing) {
      completing = true;
      void complete().then(finish, fail);
    }
  };
  const giveUp = (chunk: ChunkRecord, why: string) => {
    const run = settling.then(() => settleNow(chunk, why));
    settling = run.catch(() => undefined);
    return run;
  };
  const settleNow = (chunk: ChunkRecord, why: string) => settle(chunk, notScannedReports(chunk.job.hosts, audit.scanners, why, clock), 'not-assessed', null, why);

  const onResult = async (job: Job) => {
    const chunk = outstanding.get(Number((job.data as { chunk?: unknown }).chunk));
    if (!chunk) return; // already settled: a second delivery stores nothing
    const result = acceptResult(job.data, chunk.job);
    if (!result) {
      deps.log?.(`rejected a malformed result for job ${job.id ?? '?'}`);
      return;
    }
    if (result.refused) return settleNow(chunk, t('en', 'distributed.refused', { agent: result.agent, reason: result.refused }));
    const seen = new Set(result.hosts.map((h) => h.target.host));
    const missing = chunk.job.hosts.filter((h) => !seen.has(h.host));
    const reports = [...result.hosts, ...notScannedReports(missing, audit.scanners, `agent ${result.agent} did not report it`, clock)];
    await settle(chunk, reports, 'stored', result.agent, null);
  };

  const complete = async (): Promise<CoordinationEnd> => {
    const stats = emptyStats();
    for (const c of await store.cluster.chunks(auditId, { withJobs: false })) if (c.stats) addStats(stats, c.stats);
    await store.finishAudit(auditId, 'complete', stats, new Date(clock.now()).toISOString());
    await store.cluster.finish(auditId);
    await report();
    broadcast({ type: 'audit.end', status: 'complete', stats });
    return { status: 'complete', stats };
  };

  const watch = async () => {
    const now = clock.now();
    const pendingSegments = segments.filter((s) => [...outstanding.values()].some((c) => c.segment === s));
    const beats = await readBeats(redis, segments, now, deps.staleMs);
    for (const segment of pendingSegments) {
      const live = (beats.get(segment) ?? []).some((b) => b.live);
      if (live) lastLive.set(segment, clock.monotonic());
      else if (clock.monotonic() - (lastLive.get(segment) ?? started) > plan.agentWaitMs) {
        const why = t('en', 'distributed.noAgent', { segment, seconds: Math.round(plan.agentWaitMs / 1000) });
        for (const chunk of [...outstanding.values()].filter((c) => c.segment === segment)) {
          const removed = await jobQueues.get(segment)!.remove(chunkJobId(audit.uuid, chunk.chunk)).catch(() => 0);
          const job = removed ? null : await jobQueues.get(segment)!.getJob(chunkJobId(audit.uuid, chunk.chunk));
          if (removed || !job) await giveUp(chunk, why).catch((error: unknown) => deps.log?.((error as Error).message)); // tried again next time
        }
      }
    }
    // Results that could not be stored (the history was busy or full) are tried again.
    for (const queue of resultQueues.values()) await queue.retryJobs({ state: 'failed' });
    for (const segment of pendingSegments) {
      const failed = await jobQueues.get(segment)!.getJobs(['failed']);
      for (const job of failed) {
        const chunk = job.id?.startsWith(`${audit.uuid}.`) ? outstanding.get(Number(job.id.slice(audit.uuid.length + 1))) : undefined;
        if (chunk && chunk.segment === segment) await giveUp(chunk, t('en', 'distributed.failed', { detail: job.failedReason ?? 'unknown' })).catch((error: unknown) => deps.log?.((error as Error).message));
      }
    }
    lastBeats = beats;
    await report();
  };
  let lastBeats: Awaited<ReturnType<typeof readBeats>> = new Map();
  const report = async () => {
    const progress = progressOf(auditId, chunks, outstanding, lastBeats, audit.uuid, clock.monotonic() - started, lastLive, plan);
    broadcast({ type: 'cluster', progress });
    broadcast({ type: 'progress', snapshot: snapshotOf(progress) });
  };

  let timer: NodeJS.Timeout | null = null;
  const lockTimer = setInterval(() => void redis.pexpire(coordinatorKey(audit.uuid), LOCK_MS).catch(() => undefined), LOCK_MS / 3);
  const onAbort = () => finish('detached');
  try {
    deps.signal.addEventListener('abort', onAbort);
    broadcast({ type: 'audit.start', hostsTotal: plan.segments.reduce((n, x) => n + x.hosts, 0), scanners: audit.scanners });
    for (const segment of segments) {
      // One result at a time; a failed one (the store busy, full) fails only its own job, which
      // BullMQ retries, and never blocks the results behind it.
      const worker = new Worker(
        resultsQueue(segment, audit.uuid),
        (job) => {
          const run = settling.then(() => onResult(job));
          settling = run.catch(() => undefined);
          return run;
        },
        { connection: location.options, prefix: KEY_PREFIX, concurrency: 1 },
      );
      worker.on('error', (error) => deps.log?.(queueFailure(error, location).message));
      workers.push(worker);
    }
    await enqueue(audit.uuid, [...outstanding.values()], jobQueues, resultQueues, outstanding.size < chunks.length || (chunks.length > 0 && (await jobQueues.get(chunks[0]!.segment)!.getJob(chunkJobId(audit.uuid, chunks[0]!.chunk))) !== undefined));
    if (outstanding.size === 0 && !completing) {
      completing = true;
      finish(await complete());
    }
    const tick = () => {
      timer = setTimeout(() => void watch().then(tick, (error: unknown) => fail(queueFailure(error, location))), deps.tickMs);
    };
    await watch();
    tick();
    return await ended;
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
    clearInterval(lockTimer);
    await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
    await settling.catch(() => undefined);
    if (outstanding.size === 0) await Promise.all(segments.map((s) => obliterate(location, resultsQueue(s, audit.uuid))));
    await Promise.all([...jobQueues.values(), ...resultQueues.values()].map((q) => q.close().catch(() => undefined)));
    if ((await redis.get(coordinatorKey(audit.uuid)).catch(() => null)) === lockValue) await redis.del(coordinatorKey(audit.uuid)).catch(() => undefined);
    redis.disconnect();
  }
}

/**
 * Sends the chunks to their segments' queues. A first start sends them all (ids make a repeat a
 * no-op); a resumed audit first skips those already in the queue or already answered.
 */
async function enqueue(uuid: string, chunks: ChunkRecord[], jobQueues: Map<string, Queue>, resultQueues: Map<string, Queue>, resuming: boolean): Promise<void> {
  const bySegment = new Map<string, ChunkRecord[]>();
  for (const c of chunks) bySegment.set(c.segment, [...(bySegment.get(c.segment) ?? []), c]);
  for (const [segment, list] of bySegment) {
    const queue = jobQueues.get(segment)!;
    const missing: ChunkRecord[] = [];
    for (const c of list) {
      const id = chunkJobId(uuid, c.chunk);
      if (!resuming || (!(await queue.getJob(id)) && !(await resultQueues.get(segment)!.getJob(id)))) missing.push(c);
    }
    await queue.addBulk(missing.map((c) => ({ name: 'chunk', data: c.job, opts: { jobId: chunkJobId(uuid, c.chunk), attempts: JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 7 * 86_400 } } })));
  }
}

async function obliterate(location: QueueLocation, name: string): Promise<void> {
  const queue = new Queue(name, { connection: location.options, prefix: KEY_PREFIX });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close().catch(() => undefined);
}

/** A lock "host:pid:time" left by a process of this machine that no longer runs (killed, crashed). */
function heldByDeadProcessHere(value: string | null): boolean {
  const [host, pid] = (value ?? '').split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
