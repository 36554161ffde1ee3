import { messageEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxHookMessageDto } from '../shared/hook-message.dto.js';

/** Wire shape of a POST to the recording hook: the handshake `{ challenge }` or a notification. */
export class CinnoxRecordingWebhookDto extends messageEnvelopeDto(CinnoxHookMessageDto) {}
