import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from './hook-envelope.js';

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

/** Options of `outboundSmsNotification()`; anything not given gets a plausible value. @publicApi */
export interface OutboundSmsFixture extends CinnoxEnvelopeOptions {
  /** The SMS ID (`TransactionID`). */
  transactionId?: string;
  /** `Submitted` (default), `Delivered`, `Undelivered` or `Rejected`. */
  status?: 'Submitted' | 'Delivered' | 'Undelivered' | 'Rejected' | (string & {});
  recipientNumber?: string | number;
  recipientCountry?: string;
  appId?: string;
  serviceId?: string;
}

/**
 * An outbound SMS report, PascalCase as CINNOX sends it: flat as the page lists its fields (default), or
 * wrapped in `message`. `ResponseCode` is `"400"` and `Exception` `"sms send failed"` for Undelivered and
 * Rejected, blank otherwise, as documented.
 * @publicApi
 */
export function outboundSmsNotification(fixture: OutboundSmsFixture = {}): Record<string, unknown> {
  const status = fixture.status ?? 'Submitted';
  const failed = status === 'Undelivered' || status === 'Rejected';
  const fields = {
    Type: 'tdr',
    AppID: fixture.appId ?? 'app-demo',
    ServiceID: fixture.serviceId ?? 'service-demo',
    TransactionID: fixture.transactionId ?? `sms-${randomUUID()}`,
    RecipientNumber: fixture.recipientNumber ?? 584121234567,
    RecipientCountry: fixture.recipientCountry ?? 'VE',
    ResponseCode: failed ? '400' : '',
    Status: status,
    Exception: failed ? 'sms send failed' : '',
  };
  return inEnvelope(fields, fixture, 'flat');
}
