/**
 * Payload of `label.received` and `inquiry-label.received`. CINNOX does not document these payloads, so
 * the body comes as received, whatever its shape; read it defensively.
 * @publicApi
 */
export class LabelEvent {
  /** Stable id of this event: its hook and a SHA-256 digest of its content, the same on every redelivery. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** Which hook sent it. */
  declare readonly hook: 'label' | 'inquiry-label';
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The whole body as received (any JSON object). */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<LabelEvent, keyof LabelEvent>) {
    Object.assign(this, fields);
  }
}
