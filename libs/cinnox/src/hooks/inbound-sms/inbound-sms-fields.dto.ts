import { IsNotBlank } from '../shared/is-not-blank.decorator.js';
import { IsOptional, IsString } from 'class-validator';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';
import { IsPhoneNumberValue } from '../shared/is-phone-number-value.decorator.js';

/** Wire fields of an inbound SMS notification, flat as the page lists them or inside `message`. Unknown fields are kept. */
export class CinnoxInboundSmsFieldsDto {
  /** The SMS record ID; required of a notification (checked by the hook, for a clear message). */
  @IsOptionalText()
  @IsNotBlank()
  id?: string;

  @IsOptionalText()
  eventDescription?: string;

  @IsOptional()
  @IsPhoneNumberValue()
  senderNumber?: string | number;

  @IsOptional()
  @IsPhoneNumberValue()
  recipientNumber?: string | number;

  /** RFC 3339. */
  @IsOptionalText(64)
  receiveTime?: string;

  /** Documented as `Text`. */
  @IsOptionalText(64)
  contentType?: string;

  // The text itself: bounded by the body limit, not here (a long SMS is several hundred characters).
  @IsOptional()
  @IsString()
  content?: string;

  [field: string]: unknown;
}
