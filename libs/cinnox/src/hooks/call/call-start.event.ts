import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/**
 * Payload of `call.start`.
 * @publicApi
 */
export class CallStartEvent {
  /** `call:<callId>:CallStart`: the same on every redelivery or retry, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** CINNOX's call ID (`message.id`). */
  declare readonly callId: string;
  /** CINNOX's service ID (`message.serviceId`). */
  declare readonly serviceId: string;
  /** Who called; `null` when CINNOX sent no caller. */
  declare readonly caller: CinnoxCallParty | null;
  /** Who was called; always an array, empty when CINNOX sent none. */
  declare readonly callees: readonly CinnoxCallParty[];
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's `message` as received, for fields this version does not map. */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<CallStartEvent, keyof CallStartEvent>) {
    Object.assign(this, fields);
  }
}
