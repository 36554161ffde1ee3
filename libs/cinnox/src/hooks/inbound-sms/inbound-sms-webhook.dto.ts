import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CinnoxInboundSmsFieldsDto } from './inbound-sms-fields.dto.js';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/**
 * Wire shape of a POST to the inbound SMS hook: the handshake `{ challenge }`, or a notification whose
 * fields are flat (as the page lists them) or wrapped in `message`: both are accepted.
 */
export class CinnoxInboundSmsWebhookDto extends CinnoxInboundSmsFieldsDto {
  @IsOptionalText(64)
  type?: string;

  @IsOptionalText(1024)
  challenge?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxInboundSmsFieldsDto)
  @IsObject({ message: 'message must be an object' })
  message?: CinnoxInboundSmsFieldsDto;
}
