import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CinnoxContactMessageDto } from './contact-message.dto.js';
import { CinnoxHookEnvelopeDto } from '../shared/hook-envelope.dto.js';

/** Wire shape of a POST to the staff- or external-contact hook: the handshake `{ challenge }` or a notification. */
export class CinnoxContactWebhookDto extends CinnoxHookEnvelopeDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxContactMessageDto)
  @IsObject({ message: 'message must be an object' })
  message?: CinnoxContactMessageDto;
}
