import { IsNotBlank } from '../shared/is-not-blank.decorator.js';
import { IsOptional } from 'class-validator';
import { IsCodeValue } from '../shared/is-code-value.decorator.js';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';
import { IsPhoneNumberValue } from '../shared/is-phone-number-value.decorator.js';

/**
 * Wire fields of an outbound SMS report, PascalCase as CINNOX sends them, flat as the page lists them or
 * inside `message`. Unknown fields are kept.
 */
export class CinnoxOutboundSmsFieldsDto {
  /** Documented as `tdr` (transaction detail record). */
  @IsOptionalText(64)
  Type?: string;

  @IsOptionalText()
  AppID?: string;

  @IsOptionalText()
  ServiceID?: string;

  /** The SMS ID; required of a notification (checked by the hook, for a clear message). */
  @IsOptionalText()
  @IsNotBlank()
  TransactionID?: string;

  @IsOptional()
  @IsPhoneNumberValue()
  RecipientNumber?: string | number;

  @IsOptionalText(64)
  RecipientCountry?: string;

  @IsOptional()
  @IsCodeValue()
  ResponseCode?: string | number;

  /** `Submitted`, `Delivered`, `Undelivered` or `Rejected`. */
  @IsOptionalText(64)
  Status?: string;

  @IsOptionalText(1024)
  Exception?: string;

  [field: string]: unknown;
}
