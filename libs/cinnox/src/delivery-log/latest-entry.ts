import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';

/**
 * Which of two writes of one entry stands: the later, unless it would set a settled entry back to `queued`
 * (queue mode: a redelivery of a job BullMQ still holds is enqueued again, and ignored by BullMQ).
 */
export const latestEntry = (known: CinnoxDeliveryLogEntry | undefined, next: CinnoxDeliveryLogEntry): CinnoxDeliveryLogEntry =>
  known !== undefined && next.outcome === 'queued' && known.outcome !== 'queued' ? known : next;
