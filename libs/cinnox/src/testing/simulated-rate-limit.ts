/** A sliding-window request counter per key (CINNOX counts per service account), for the simulator. */
export class SimulatedRateLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a request for `key`; false when it is over the limit (a refused request is not counted). */
  take(key: string, now = Date.now()): boolean {
    const recent = (this.seen.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.seen.set(key, recent);
      return false;
    }
    recent.push(now);
    this.seen.set(key, recent);
    return true;
  }
}
