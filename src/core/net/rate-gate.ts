import type { Clock } from '../clock.js';

/**
 * Per-host pacing by the generic cell rate algorithm: each host gets at most `perSecond` new
 * connections a second, with a small burst allowance. A slot is reserved synchronously, so
 * concurrent callers for one host queue up in order; the caller then sleeps until its slot.
 */
export class RateGate {
  private readonly interval: number;
  private readonly tolerance: number;
  private readonly theoreticalArrival = new Map<string, number>();

  constructor(
    perSecond: number,
    private readonly clock: Clock,
    burst = Math.max(1, Math.ceil(perSecond / 20)),
  ) {
    this.interval = perSecond > 0 ? 1000 / perSecond : 0;
    this.tolerance = this.interval * (burst - 1);
  }

  get unlimited(): boolean {
    return this.interval === 0;
  }

  /** Milliseconds the caller must wait before using its slot (0 when it may go now). */
  reserve(host: string): number {
    if (this.interval === 0) return 0;
    const now = this.clock.monotonic();
    const tat = Math.max(this.theoreticalArrival.get(host) ?? now, now);
    const allowedAt = tat - this.tolerance;
    this.theoreticalArrival.set(host, tat + this.interval);
    if (this.theoreticalArrival.size > 4096) this.sweep(now);
    return Math.max(0, allowedAt - now);
  }

  async take(host: string, signal?: AbortSignal): Promise<void> {
    const wait = this.reserve(host);
    if (wait > 0) await this.clock.sleep(wait, signal);
  }

  /** Forget hosts whose pacing has fully recovered, so a /16 scan does not keep 65,536 entries. */
  private sweep(now: number): void {
    for (const [host, tat] of this.theoreticalArrival) if (tat < now) this.theoreticalArrival.delete(host);
  }
}
