import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CinnoxOutboundSmsFieldsDto } from './outbound-sms-fields.dto.js';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/**
 * Wire shape of a POST to the outbound SMS hook: the handshake `{ challenge }`, or a report whose fields
 * are flat (as the page lists them) or wrapped in `message`: both are accepted.
 */
export class CinnoxOutboundSmsWebhookDto extends CinnoxOutboundSmsFieldsDto {
  @IsOptionalText(64)
  type?: string;

  @IsOptionalText(1024)
  challenge?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxOutboundSmsFieldsDto)
  @IsObject({ message: 'message must be an object' })
  message?: CinnoxOutboundSmsFieldsDto;
}
