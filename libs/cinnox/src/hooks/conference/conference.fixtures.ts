import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from '../shared/hook-envelope.fixtures.js';

/** Options of `conferenceNotification()`; anything not given gets a plausible value. @publicApi */
export interface ConferenceFixture extends CinnoxEnvelopeOptions {
  /** The conference ID. */
  id?: string;
  /** `conference_end` (default, the only documented status) or another value. */
  status?: 'conference_end' | (string & {});
  serviceId?: string;
}

/**
 * A conference call notification as the page documents it: `{ type: "message", challenge, message: {
 * status: "conference_end", serviceId, id } }`.
 * @publicApi
 */
export function conferenceNotification(fixture: ConferenceFixture = {}): Record<string, unknown> {
  const message = {
    status: fixture.status ?? 'conference_end',
    serviceId: fixture.serviceId ?? 'service-demo',
    id: fixture.id ?? `conference-${randomUUID()}`,
  };
  return inEnvelope(message, fixture, 'message');
}
