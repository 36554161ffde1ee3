/**
 * Whether CINNOX managed to record: the documented values of a recording notification's `status`.
 * @publicApi
 */
export type CinnoxRecordingOutcome = 'success' | 'fail';

/**
 * Payload of `recording.success`, `recording.fail` and `recording.other`: CINNOX finished (or failed)
 * recording a call or a conference. Carries no file: fetch it with CINNOX's recording report API.
 * @publicApi
 */
export class RecordingEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** `message.id` as sent: a call ID or a conference ID, per `recordingOf`. */
  declare readonly id: string;
  /** What was recorded (`message.type`): `call`, `conference`, another value as sent, or `null` when absent. */
  declare readonly recordingOf: 'call' | 'conference' | (string & {}) | null;
  /** The call ID when a call was recorded, else `null`: the key to join the recording to a call. */
  declare readonly callId: string | null;
  /** The conference ID when a conference was recorded, else `null`. */
  declare readonly conferenceId: string | null;
  /** `message.status` as sent. */
  declare readonly status: CinnoxRecordingOutcome | (string & {});
  /** `success` or `fail`; `null` for a status this version does not know (then the event is `recording.other`). */
  declare readonly outcome: CinnoxRecordingOutcome | null;
  /** CINNOX's service ID, `null` when absent. */
  declare readonly serviceId: string | null;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's `message` as received. */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<RecordingEvent, keyof RecordingEvent>) {
    Object.assign(this, fields);
  }
}
