import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/**
 * Payload of `call.stale`: a call started and no end arrived within `calls.maxCallDurationMs`. Emitted
 * once per call; a late end still completes it (`call.completed`).
 * @publicApi
 */
export class CallStaleEvent {
  /** `call:<callId>:stale`. */
  declare readonly eventId: string;
  /** CINNOX's call ID. */
  declare readonly callId: string;
  /** CINNOX's service ID. */
  declare readonly serviceId: string;
  /** Who called; null when the start named nobody. */
  declare readonly caller: CinnoxCallParty | null;
  /** Who was called. */
  declare readonly callees: readonly CinnoxCallParty[];
  /** When the start was received. */
  declare readonly startedAt: Date;
  /** When the tracker declared the call stale. */
  declare readonly staleAt: Date;

  constructor(fields: Pick<CallStaleEvent, keyof CallStaleEvent>) {
    Object.assign(this, fields);
  }
}
