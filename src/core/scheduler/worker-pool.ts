import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { HostTarget } from '../model/target.js';
import type { EngineEvent } from './events.js';
import type { HostResult } from './host-run.js';
import type { HostJobSpec, HostRunner } from './host-runner.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

export interface WorkerPoolOptions {
  /** Module run in each thread; it calls serveHostJobs() with the scanners and a judge. */
  entry: URL;
  threads: number;
  /** Passed to the entry to build its judge. */
  data: unknown;
}

/**
 * Host jobs on worker threads. Each host belongs to one thread for its whole job, so per-host
 * concurrency and rate limits hold exactly; each thread gets an equal share of the global
 * concurrency, so their sum never exceeds it. A job goes to the thread with the fewest running.
 */
export class WorkerPoolRunner implements HostRunner {
  private readonly workers: Array<{ worker: Worker; running: number; operations: number }> = [];
  private readonly pending = new Map<number, { resolve: (r: HostResult) => void; reject: (e: unknown) => void; target: HostTarget; slot: number }>();
  private nextId = 0;
  private isPaused = false;
  private failure: Error | null = null;

  constructor(spec: HostJobSpec, options: WorkerPoolOptions, emit: (event: EngineEvent) => void, signal: AbortSignal) {
    const threads = Math.max(1, options.threads);
    const share = { ...spec, limits: { ...spec.limits, concurrency: Math.max(1, Math.floor(spec.limits.concurrency / threads)) } };
    for (let i = 0; i < threads; i++) {
      const init: WorkerInit = { spec: share, data: options.data };
      const worker = new Worker(options.entry, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 } });
      const slot = { worker, running: 0, operations: 0 };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'events') {
          slot.operations = message.operations;
          for (const event of message.events) emit(event);
        } else if (message.type === 'host.done') {
          const job = this.pending.get(message.id);
          this.pending.delete(message.id);
          slot.running--;
          Object.assign(job?.target ?? {}, message.target);
          job?.resolve(message.result);
        } else this.fail(new InternalError('error.internal', { detail: `host worker: ${message.message}`, version: '', command: 'scan' }));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && this.pending.size > 0) this.fail(new Error(`host worker exited with code ${code}`));
      });
      this.workers.push(slot);
    }
    signal.addEventListener('abort', () => this.broadcast({ type: 'abort' }), { once: true });
  }

  run(target: HostTarget): Promise<HostResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.reduce((best, w) => (w.running < best.running ? w : best));
    slot.running++;
    const id = this.nextId++;
    return new Promise<HostResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, target, slot: this.workers.indexOf(slot) });
      slot.worker.postMessage({ type: 'host', id, target } satisfies ToWorker);
    });
  }

  pause(): void {
    this.isPaused = true;
    this.broadcast({ type: 'pause' });
  }

  resume(): void {
    this.isPaused = false;
    this.broadcast({ type: 'resume' });
  }

  get paused(): boolean {
    return this.isPaused;
  }

  operations(): number {
    return this.workers.reduce((sum, w) => sum + w.operations, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private broadcast(message: ToWorker): void {
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
