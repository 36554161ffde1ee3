import type { CinnoxDeliveryLog } from '../delivery-log/cinnox-delivery-log.js';
import type { CinnoxHookVerdict } from './to-hook-health.js';

/**
 * What the health indicator reports of the delivery log (`checkDeliveryLog()`). A type, not an interface:
 * terminus takes plain records of data.
 * @publicApi
 */
export type CinnoxDeliveryLogHealth = {
  /** Whether the `deliveryLog` option is set. */
  enabled: boolean;
  /** True while the log's store refuses writes; on terminus 11 (no `degraded` status) the only sign of it. */
  degraded: boolean;
  /** True while the store refuses writes (entries wait in the buffer). */
  failing: boolean;
  /** Entries waiting for the store. */
  buffered: number;
  /** Entries dropped since start (the buffer was full). */
  dropped: number;
};

/** A failing log is degraded, never down: the webhooks still answer, only the record of them waits. */
export function toDeliveryLogHealth(log: CinnoxDeliveryLog): { verdict: CinnoxHookVerdict; data: CinnoxDeliveryLogHealth } {
  const failing = log.enabled && log.failing;
  return {
    verdict: failing ? 'degraded' : 'up',
    data: { enabled: log.enabled, degraded: failing, failing, buffered: log.buffered, dropped: log.dropped },
  };
}
