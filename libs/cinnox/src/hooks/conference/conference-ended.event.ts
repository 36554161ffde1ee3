/**
 * Payload of `conference.ended`: a conference call ended (`message.status` `conference_end`). Its
 * recording, when CINNOX made one, arrives on the recording hook as a `RecordingEvent` whose
 * `conferenceId` equals this `conferenceId`.
 * @publicApi
 */
export class ConferenceEndedEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** CINNOX's conference ID (`message.id`): the key to join the conference's recording and report records. */
  declare readonly conferenceId: string;
  /** CINNOX's service ID, `null` when absent. */
  declare readonly serviceId: string | null;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's `message` as received. */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<ConferenceEndedEvent, keyof ConferenceEndedEvent>) {
    Object.assign(this, fields);
  }
}
