/**
 * Per-host round-trip estimate (RFC 6298 smoothing, as nmap does for its probe timeouts): a
 * silent port costs little on a fast network and a slow network is not mistaken for a firewall.
 */
export class RttEstimator {
  private srtt: number | null = null;
  private rttvar = 0;

  constructor(
    private readonly initialMs: number,
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {}

  sample(rttMs: number): void {
    if (this.srtt === null) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
      return;
    }
    this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
    this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
  }

  /** The timeout for the next probe; the initial one until an answer has been timed. */
  timeoutMs(): number {
    if (this.srtt === null) return this.initialMs;
    return Math.round(Math.min(this.maxMs, Math.max(this.minMs, this.srtt + 4 * this.rttvar)));
  }
}
