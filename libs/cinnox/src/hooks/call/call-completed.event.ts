import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/**
 * Payload of `call.completed`: both halves of a call paired by the call tracker (`calls.track`),
 * emitted once per call when its end arrives, or when a reconcile pass finds it ended in CINNOX's report
 * (`source: 'report'`).
 * @publicApi
 */
export class CallCompletedEvent {
  /** `call:<callId>:completed`, the same on every repetition (see the README's guarantees). */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** CINNOX's call ID. */
  declare readonly callId: string;
  /** CINNOX's service ID. */
  declare readonly serviceId: string;
  /** Who called, from the start; null when the start has not arrived or named nobody. */
  declare readonly caller: CinnoxCallParty | null;
  /** Who was called, from the start; empty when unknown. */
  declare readonly callees: readonly CinnoxCallParty[];
  /** When the start was received; null when it has not been. */
  declare readonly startedAt: Date | null;
  /** When the end was received. */
  declare readonly endedAt: Date;
  /** `endedAt - startedAt` in ms; null when the start was not received before the end. */
  declare readonly durationMs: number | null;
  /**
   * What completed the call: its end webhook (`webhook`), or CINNOX's call log in a reconcile pass (`report`;
   * then `endedAt` and, for a call the webhooks never told of, `startedAt` are CINNOX's times).
   */
  declare readonly source: 'webhook' | 'report';

  constructor(fields: Pick<CallCompletedEvent, keyof CallCompletedEvent>) {
    Object.assign(this, fields);
  }
}
