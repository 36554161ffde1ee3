import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import type { CinnoxDeliveryTrace } from './cinnox-delivery-trace.js';

/** One delivery the webhook accepted, as the recorder is told of it. */
export interface CinnoxAcceptedDelivery {
  readonly hook: CinnoxHookDefinition;
  /** The dedupe key (the events' `eventId`). */
  readonly key: string;
  /** The body as validated. */
  readonly body: object;
  readonly receivedAt: Date;
}

/**
 * Where the webhook and the queue's worker report what became of each accepted delivery: the delivery log
 * (`deliveryLog` option) is this port, so core knows no log. Provided under this class as its token;
 * `enabled` false (no `deliveryLog` option), nobody is told anything and no trace is kept.
 */
export abstract class CinnoxDeliveryRecorder {
  /** Whether deliveries are recorded. */
  abstract readonly enabled: boolean;

  /** Inline mode: records the delivery once `settled` (its listeners) settles, with what `trace` saw. */
  abstract dispatched(delivery: CinnoxAcceptedDelivery, trace: CinnoxDeliveryTrace, settled: Promise<void>): void;

  /** Inline mode: a duplicate, acknowledged and not emitted. */
  abstract duplicate(delivery: CinnoxAcceptedDelivery): void;

  /** Queue mode: the id the job carries, so the worker updates the same entry. */
  abstract entryIdOf(delivery: CinnoxAcceptedDelivery): string;

  /** Queue mode: the job is stored (the webhook answers 2xx). */
  abstract queued(delivery: CinnoxAcceptedDelivery, entryId: string): void;

  /** Queue mode: the worker ran the job to its end, every listener settled (`delivered`) or out of attempts. */
  abstract processed(
    delivery: CinnoxAcceptedDelivery,
    entryId: string,
    trace: CinnoxDeliveryTrace,
    outcome: 'delivered' | 'dead-lettered',
  ): void;
}
