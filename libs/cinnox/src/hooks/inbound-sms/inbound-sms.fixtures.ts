import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from '../shared/hook-envelope.fixtures.js';

/** Options of `inboundSmsNotification()`; anything not given gets a plausible value. @publicApi */
export interface InboundSmsFixture extends CinnoxEnvelopeOptions {
  id?: string;
  /** Typed Number by the page; a string such as `"+85291234567"` is accepted too. */
  senderNumber?: string | number;
  recipientNumber?: string | number;
  /** RFC 3339; default now. */
  receiveTime?: string;
  content?: string;
}

/**
 * An inbound SMS notification: flat as the page lists its fields (default), or wrapped in `message`.
 * @publicApi
 */
export function inboundSmsNotification(fixture: InboundSmsFixture = {}): Record<string, unknown> {
  const fields = {
    id: fixture.id ?? `sms-${randomUUID()}`,
    eventDescription: 'Inbound SMS',
    senderNumber: fixture.senderNumber ?? 85291234567,
    recipientNumber: fixture.recipientNumber ?? 85298765432,
    receiveTime: fixture.receiveTime ?? new Date().toISOString(),
    contentType: 'Text',
    content: fixture.content ?? 'Hello from the simulator',
  };
  return inEnvelope(fields, fixture, 'flat');
}
