import type { Clock } from '../core/clock.js';
import type { AuditStats, AuditStatus } from '../core/model/audit.js';
import type { EngineEvent, EventSink } from '../core/scheduler/events.js';
import type { Store, WriteBatch } from './store.js';

const MAX_BATCH = 500;
const MAX_DELAY_MS = 250;

type HostBuffer = Omit<WriteBatch, 'targets'>;

/**
 * The only writer of scan results. A host's observations, task log and findings are kept until the
 * host is finished, then written together; an address from a range that did not answer is dropped,
 * so a sweep of a mostly empty /16 stores only what is there. Batches (500 items or 250 ms) are
 * written in one transaction each, one after another; the first failure is kept, reported through
 * `onFailure`, and thrown from flush().
 */
export class StoreSink implements EventSink {
  private batch: WriteBatch = emptyBatch();
  private size = 0;
  private readonly hosts = new Map<string, HostBuffer>();
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private ended: { status: AuditStatus; stats: AuditStats } | null = null;

  constructor(
    private readonly store: Store,
    readonly auditId: number,
    private readonly clock: Clock,
    /** Called once, on the first failed write (the scan should stop: nothing more can be recorded). */
    private readonly onFailure: (error: unknown) => void = () => {},
  ) {}

  handle(event: EngineEvent): void {
    switch (event.type) {
      case 'host.start':
        this.hosts.set(event.target.host, { tasks: [], observations: [], findings: [] });
        return;
      case 'observation':
        this.bufferOf(event.observation.host).observations.push(event.observation);
        return;
      case 'finding':
        this.bufferOf(event.finding.host).findings.push(event.finding);
        return;
      case 'task.end':
        this.bufferOf(event.host).tasks.push({ host: event.host, scanner: event.scanner, status: event.status, durationMs: event.durationMs, attempts: event.attempts });
        return;
      case 'host.end': {
        const buffer = this.bufferOf(event.target.host);
        this.hosts.delete(event.target.host);
        if (!event.target.explicit && !event.up) return;
        this.batch.targets.push({ ...event.target, up: event.up });
        this.batch.tasks.push(...buffer.tasks);
        this.batch.observations.push(...buffer.observations);
        this.batch.findings.push(...buffer.findings);
        this.size += 1 + buffer.tasks.length + buffer.observations.length + buffer.findings.length;
        if (this.size >= MAX_BATCH) this.writeBatch();
        else this.timer ??= setTimeout(() => this.writeBatch(), MAX_DELAY_MS);
        return;
      }
      case 'audit.end':
        this.ended = { status: event.status, stats: event.stats };
        return;
      default:
        return;
    }
  }

  /** Writes what is pending and, once the audit has ended, its final status. */
  async flush(): Promise<void> {
    this.writeBatch();
    const ended = this.ended;
    if (ended) {
      this.ended = null;
      this.enqueue(() => this.store.finishAudit(this.auditId, ended.status, ended.stats, new Date(this.clock.now()).toISOString()));
    }
    await this.chain;
    if (this.failure) throw this.failure;
  }

  /** Marks the audit when the run could not end normally (a crash, a store error). */
  async abandon(status: AuditStatus): Promise<void> {
    this.writeBatch();
    this.enqueue(() => this.store.finishAudit(this.auditId, status, null, new Date(this.clock.now()).toISOString()));
    await this.chain;
  }

  private bufferOf(host: string): HostBuffer {
    let buffer = this.hosts.get(host);
    if (!buffer) {
      buffer = { tasks: [], observations: [], findings: [] };
      this.hosts.set(host, buffer);
    }
    return buffer;
  }

  private writeBatch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.size === 0) return;
    const batch = this.batch;
    this.batch = emptyBatch();
    this.size = 0;
    this.enqueue(() => this.store.write(this.auditId, batch));
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => {
      if (this.failure) return;
      this.failure = error;
      this.onFailure(error);
    });
  }
}

function emptyBatch(): WriteBatch {
  return { targets: [], tasks: [], observations: [], findings: [] };
}
