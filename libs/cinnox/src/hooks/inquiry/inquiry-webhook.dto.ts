import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CinnoxInquiryFieldsDto } from './inquiry-fields.dto.js';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/**
 * Wire shape of a POST to the enquiry hook: the handshake `{ challenge }`, or a notification whose fields
 * are flat (as the page lists them) or wrapped in `message` (as sibling pages do): both are accepted.
 */
export class CinnoxInquiryWebhookDto extends CinnoxInquiryFieldsDto {
  @IsOptionalText(1024)
  challenge?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxInquiryFieldsDto)
  @IsObject({ message: 'message must be an object' })
  message?: CinnoxInquiryFieldsDto;
}
