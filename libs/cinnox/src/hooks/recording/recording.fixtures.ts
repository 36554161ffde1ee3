import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from '../shared/hook-envelope.fixtures.js';

/** Options of `recordingNotification()`; anything not given gets a plausible value. @publicApi */
export interface RecordingFixture extends CinnoxEnvelopeOptions {
  /** The call or conference ID. */
  id?: string;
  /** `message.type`: `call` (default) or `conference`. */
  recordingOf?: 'call' | 'conference' | (string & {});
  /** `success` (default) or `fail`. */
  status?: 'success' | 'fail' | (string & {});
  serviceId?: string;
}

/**
 * A recording notification as the page documents it: `{ type: "message", challenge, message: { type,
 * status, serviceId, id } }`.
 * @publicApi
 */
export function recordingNotification(fixture: RecordingFixture = {}): Record<string, unknown> {
  const message = {
    type: fixture.recordingOf ?? 'call',
    status: fixture.status ?? 'success',
    serviceId: fixture.serviceId ?? 'service-demo',
    id: fixture.id ?? `call-${randomUUID()}`,
  };
  return inEnvelope(message, fixture, 'message');
}
