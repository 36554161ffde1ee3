import type { CinnoxCallParty } from './cinnox-call-party.interface.js';
import type { CinnoxReportedCall } from './cinnox-reported-call.interface.js';

/**
 * Payload of `call.settled` (`calls.settle`): a completed call with what CINNOX's reports say of it, emitted
 * once per call across the replicas sharing the call store, some time after `call.completed`.
 * @publicApi
 */
export class CallSettledEvent {
  /** `call:<callId>:settled`. */
  declare readonly eventId: string;
  /** CINNOX's call ID. */
  declare readonly callId: string;
  /** CINNOX's service ID. */
  declare readonly serviceId: string;
  /** Who called, from the start; null when the start never arrived. */
  declare readonly caller: CinnoxCallParty | null;
  /** Who was called, from the start; empty when unknown. */
  declare readonly callees: readonly CinnoxCallParty[];
  /** When the start was received; null when it never was. */
  declare readonly startedAt: Date | null;
  /** When the end was received. */
  declare readonly endedAt: Date;
  /** `endedAt - startedAt` in ms, as the tracker measured it; null without a start before the end. */
  declare readonly durationMs: number | null;
  /** The recording's outcome, when known by now. */
  declare readonly recordingStatus: 'success' | 'fail' | null;
  /** True when CINNOX's call log had the call; false when it still had none after `calls.settle.attempts` reads. */
  declare readonly reported: boolean;
  /** What CINNOX reports of the call (also kept on the call's record); null when `reported` is false. */
  declare readonly cinnox: CinnoxReportedCall | null;

  constructor(fields: Pick<CallSettledEvent, keyof CallSettledEvent>) {
    Object.assign(this, fields);
  }
}
