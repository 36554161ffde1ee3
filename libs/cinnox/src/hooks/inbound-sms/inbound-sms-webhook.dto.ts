import { flatOrMessageEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxInboundSmsFieldsDto } from './inbound-sms-fields.dto.js';

/**
 * Wire shape of a POST to the inbound SMS hook: the handshake `{ challenge }`, or a notification whose
 * fields are flat (as the page lists them) or wrapped in `message`: both are accepted.
 */
export class CinnoxInboundSmsWebhookDto extends flatOrMessageEnvelopeDto(CinnoxInboundSmsFieldsDto) {}
