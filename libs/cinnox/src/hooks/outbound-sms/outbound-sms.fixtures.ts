import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from '../shared/hook-envelope.fixtures.js';

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
