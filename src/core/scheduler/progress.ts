import type { Clock } from '../clock.js';
import type { EngineEvent, ProgressSnapshot } from './events.js';

/**
 * Turns engine bookkeeping into progress figures: fraction done (with partial credit for running
 * tasks that report their own progress), rates and an ETA.
 */
export class ProgressTracker {
  private readonly started: number;
  private hostsDone = 0;
  private tasksDone = 0;
  private readonly running = new Map<string, { tasks: number; partial: Map<string, number> }>();

  constructor(
    private readonly hostsTotal: number,
    private readonly tasksPerHost: number,
    private readonly clock: Clock,
  ) {
    this.started = clock.monotonic();
  }

  /** Follows the engine's events, wherever the hosts run (this thread or a worker). */
  observe(event: EngineEvent): void {
    switch (event.type) {
      case 'host.start':
        return this.hostStarted(event.target.host);
      case 'task.start':
        return this.taskStarted(event.host);
      case 'task.progress':
        return this.taskProgress(event.host, event.scanner, event.done, event.total);
      case 'task.end':
        return this.taskEnded(event.host, event.scanner);
      case 'host.end':
        return this.hostEnded(event.target.host);
      default:
        return;
    }
  }

  hostStarted(host: string): void {
    this.running.set(host, { tasks: 0, partial: new Map() });
  }

  taskStarted(host: string): void {
    const entry = this.running.get(host);
    if (entry) entry.tasks++;
  }

  taskProgress(host: string, scanner: string, done: number, total: number): void {
    this.running.get(host)?.partial.set(scanner, total > 0 ? Math.min(1, done / total) : 0);
  }

  taskEnded(host: string, scanner: string): void {
    this.tasksDone++;
    const entry = this.running.get(host);
    if (!entry) return;
    entry.tasks--;
    entry.partial.set(scanner, 1);
  }

  hostEnded(host: string): void {
    this.running.delete(host);
    this.hostsDone++;
  }

  snapshot(operations: number, paused: boolean): ProgressSnapshot {
    const elapsedMs = Math.max(1, this.clock.monotonic() - this.started);
    let partialHosts = 0;
    let tasksRunning = 0;
    for (const entry of this.running.values()) {
      tasksRunning += entry.tasks;
      let sum = 0;
      for (const value of entry.partial.values()) sum += value;
      partialHosts += Math.min(1, sum / Math.max(1, this.tasksPerHost));
    }
    const fraction = this.hostsTotal === 0 ? 1 : Math.min(1, (this.hostsDone + partialHosts) / this.hostsTotal);
    const etaMs = fraction > 0.01 && fraction < 1 ? (elapsedMs / fraction) * (1 - fraction) : fraction >= 1 ? 0 : null;
    return {
      hostsTotal: this.hostsTotal,
      hostsDone: this.hostsDone,
      hostsRunning: this.running.size,
      tasksDone: this.tasksDone,
      tasksRunning,
      fraction,
      hostsPerSecond: (this.hostsDone * 1000) / elapsedMs,
      operationsPerSecond: (operations * 1000) / elapsedMs,
      elapsedMs,
      etaMs,
      paused,
    };
  }
}
