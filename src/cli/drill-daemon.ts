import { Cron } from 'croner';
import { BusyError, RasoatError } from '../core/errors.js';
import type { Drill } from '../core/workflow/drill.js';
import { t, type MessageId, type MessageParams } from '../i18n/t.js';
import type { CliContext } from './context.js';
import type { DrillRun } from './drill-runner.js';
import { renderError } from './errors.js';
import { formatNumber } from './format.js';

/** One drill and when it runs: a cron expression (local time), or every N seconds. */
export interface DrillTimer {
  drill: Drill;
  /** Five fields, as `drill schedule` prints them; ignored when `everySeconds` is set. */
  cron: string;
  /** Label of the schedule, for the log. */
  label: string;
  everySeconds?: number;
}

export type RunDrill = (drill: Drill, signal: AbortSignal) => Promise<DrillRun>;

/**
 * The in-process scheduler of `rasoat daemon`: a croner job per drill, and one drill at a time
 * (a drill due while another runs waits its turn; one already waiting or running is not queued
 * twice). Each run takes the same lock as `rasoat drill run`, so a manual run elsewhere makes it
 * skip with a message. One log line per run start and end. `stop()` cancels the timers and the
 * queue and interrupts the running drill (its audit is kept, marked interrupted).
 */
export class DrillDaemon {
  private readonly jobs: Cron[] = [];
  private readonly queue: Drill[] = [];
  private current: Drill | null = null;
  private readonly controller = new AbortController();
  private stopped = false;
  private finished = false;
  private resolveDone: () => void = () => {};
  /** Settles when the daemon has stopped and no drill runs any more. */
  readonly done: Promise<void> = new Promise((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly ctx: CliContext,
    private readonly run: RunDrill,
  ) {}

  start(timers: readonly DrillTimer[]): void {
    this.log('daemon.started', { count: timers.length });
    for (const timer of timers) {
      const job =
        timer.everySeconds === undefined
          ? new Cron(timer.cron, () => this.enqueue(timer.drill))
          : new Cron('* * * * * *', { interval: timer.everySeconds }, () => this.enqueue(timer.drill));
      this.jobs.push(job);
      const next = job.nextRun()?.toISOString() ?? '-';
      if (timer.everySeconds === undefined) this.log('daemon.schedule', { drill: timer.drill.name, schedule: timer.label, cron: timer.cron, next });
      else this.log('daemon.every', { drill: timer.drill.name, seconds: timer.everySeconds, next });
    }
  }

  /** Stops scheduling; interrupts the running drill. `done` settles once it has been stored. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const job of this.jobs) job.stop();
    this.queue.length = 0;
    this.log(this.current ? 'daemon.stoppingRun' : 'daemon.stopping', { drill: this.current?.name ?? '-' });
    this.controller.abort();
    if (!this.current) this.finish();
  }

  private enqueue(drill: Drill): void {
    if (this.stopped || this.current === drill || this.queue.includes(drill)) return;
    this.queue.push(drill);
    if (!this.current) void this.pump();
  }

  private async pump(): Promise<void> {
    while (!this.stopped && this.queue.length > 0) {
      const drill = this.queue.shift()!;
      this.current = drill;
      await this.runOne(drill);
      this.current = null;
    }
    if (this.stopped) this.finish();
  }

  private async runOne(drill: Drill): Promise<void> {
    this.log('daemon.runStart', { drill: drill.name });
    try {
      const result = await this.run(drill, this.controller.signal);
      const status = t(this.ctx.lang, `status.${result.status}`);
      const n = (list: string[] | undefined) => formatNumber(list?.length ?? 0, this.ctx.lang);
      if (result.change === null) this.log('daemon.runEndFirst', { drill: drill.name, id: result.auditId, status });
      else this.log('daemon.runEnd', { drill: drill.name, id: result.auditId, status, new: n(result.change.new), fixed: n(result.change.fixed), unchanged: n(result.change.unchanged) });
    } catch (error) {
      const reason = error instanceof RasoatError ? t(this.ctx.lang, error.messageId, error.params) : renderError(error, this.ctx.lang, { version: this.ctx.version, argv: ['daemon'] }).line.replace(/^rasoat: /, '');
      this.log(error instanceof BusyError ? 'daemon.skipped' : 'daemon.failed', { drill: drill.name, reason });
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.log('daemon.stopped', {});
    this.resolveDone();
  }

  private log(id: MessageId, params: MessageParams): void {
    this.ctx.stdout.write(`${new Date(this.ctx.clock.now()).toISOString()} ${t(this.ctx.lang, id, params)}\n`);
  }
}
