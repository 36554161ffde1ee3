/**
 * Decides which webhook deliveries the simulator loses: a share `rate` of them, drawn from a seeded generator
 * (mulberry32), so the same seed loses the same deliveries in every run.
 */
export class SeededDrops {
  private state: number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`CinnoxSimulator: dropRate must be from 0 to 1, got ${rate}.`);
    this.state = seed >>> 0;
  }

  /** True when the next delivery is to be lost. */
  next(): boolean {
    if (this.rate === 0) return false;
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296 < this.rate;
  }
}
