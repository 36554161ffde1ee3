import { flatOrMessageEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxOutboundSmsFieldsDto } from './outbound-sms-fields.dto.js';

/**
 * Wire shape of a POST to the outbound SMS hook: the handshake `{ challenge }`, or a report whose fields
 * are flat (as the page lists them) or wrapped in `message`: both are accepted.
 */
export class CinnoxOutboundSmsWebhookDto extends flatOrMessageEnvelopeDto(CinnoxOutboundSmsFieldsDto) {}
