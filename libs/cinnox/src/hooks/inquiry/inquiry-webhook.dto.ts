import { flatOrMessageEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxInquiryFieldsDto } from './inquiry-fields.dto.js';

/**
 * Wire shape of a POST to the enquiry hook: the handshake `{ challenge }`, or a notification whose fields
 * are flat (as the page lists them) or wrapped in `message` (as sibling pages do): both are accepted.
 */
export class CinnoxInquiryWebhookDto extends flatOrMessageEnvelopeDto(CinnoxInquiryFieldsDto) {}
