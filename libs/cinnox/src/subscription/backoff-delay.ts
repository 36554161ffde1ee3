import type { CinnoxBackoffOptions } from '../cinnox-subscription-options.interface.js';

/**
 * Wait before the next attempt after `failures` failures in a row: doubling from `initialDelayMs`, capped
 * at `maxDelayMs`, then drawn between half and all of it ("equal jitter"). axios-retry's
 * `exponentialDelay` adds its jitter before a cap is applied, so capped waits would all be equal and
 * replicas restarted together would retry in step.
 */
export function backoffDelay(failures: number, backoff: Required<CinnoxBackoffOptions>, random: () => number = Math.random): number {
  const capped = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** Math.min(failures, 30));
  return Math.round(capped / 2 + (random() * capped) / 2);
}
