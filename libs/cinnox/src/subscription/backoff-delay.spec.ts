import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

const backoff = { initialDelayMs: 1000, maxDelayMs: 60_000 };

describe('backoffDelay', () => {
  it('doubles from the initial delay, between half and all of it', () => {
    expect([0, 1, 2, 3].map((failures) => backoffDelay(failures, backoff, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([0, 1, 2, 3].map((failures) => backoffDelay(failures, backoff, () => 0))).toEqual([500, 1000, 2000, 4000]);
  });

  it('keeps its jitter at the cap, and never overflows', () => {
    expect(backoffDelay(10, backoff, () => 0)).toBe(30_000);
    expect(backoffDelay(10, backoff, () => 1)).toBe(60_000);
    expect(backoffDelay(10_000, backoff, () => 0.5)).toBe(45_000);
  });
});
