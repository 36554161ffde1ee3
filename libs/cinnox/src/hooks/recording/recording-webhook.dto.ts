import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CinnoxHookEnvelopeDto } from '../shared/hook-envelope.dto.js';
import { CinnoxRecordingMessageDto } from './recording-message.dto.js';

/** Wire shape of a POST to the recording hook: the handshake `{ challenge }` or a notification. */
export class CinnoxRecordingWebhookDto extends CinnoxHookEnvelopeDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxRecordingMessageDto)
  @IsObject({ message: 'message must be an object' })
  message?: CinnoxRecordingMessageDto;
}
