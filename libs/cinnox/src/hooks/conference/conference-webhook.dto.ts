import { messageEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxHookMessageDto } from '../shared/hook-message.dto.js';

/** Wire shape of a POST to the conference hook: the handshake `{ challenge }` or a notification in `message`. */
export class CinnoxConferenceWebhookDto extends messageEnvelopeDto(CinnoxHookMessageDto) {}
