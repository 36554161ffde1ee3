import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from '../shared/hook-envelope.fixtures.js';

/** Options of `inquiryNotification()`; anything not given gets a plausible value. @publicApi */
export interface InquiryFixture extends CinnoxEnvelopeOptions {
  /** The enquiry's record ID. */
  eid?: string;
  /** `Opened` (default), `Handling`, `Closed` or `Missed`. */
  status?: 'Opened' | 'Handling' | 'Closed' | 'Missed' | (string & {});
  displayCaseNumber?: string;
  serviceId?: string;
  channel?: string;
  channelOri?: string;
  socialId?: string;
  /** RFC 3339; default now. */
  date?: string;
  destination?: string;
  destinationTypes?: string | string[];
}

/**
 * An enquiry notification: flat as the page lists its fields (default), or wrapped in `message`.
 * @publicApi
 */
export function inquiryNotification(fixture: InquiryFixture = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    status: fixture.status ?? 'Opened',
    serviceId: fixture.serviceId ?? 'service-demo',
    displayCaseNumber: fixture.displayCaseNumber ?? '100001',
    eid: fixture.eid ?? `inquiry-${randomUUID()}`,
    type: 'inquiry',
    channel: fixture.channel ?? 'WHATSAPP',
    channelOri: fixture.channelOri ?? fixture.channel ?? 'WHATSAPP',
    socialId: fixture.socialId ?? '',
    date: fixture.date ?? new Date().toISOString(),
    destination: fixture.destination ?? 'group-sales',
  };
  if (fixture.destinationTypes !== undefined) fields.destinationTypes = fixture.destinationTypes;
  return inEnvelope(fields, fixture, 'flat');
}
