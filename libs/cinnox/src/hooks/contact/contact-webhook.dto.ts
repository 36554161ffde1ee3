import { messageEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxContactMessageDto } from './contact-message.dto.js';

/** Wire shape of a POST to the staff- or external-contact hook: the handshake `{ challenge }` or a notification. */
export class CinnoxContactWebhookDto extends messageEnvelopeDto(CinnoxContactMessageDto) {}
