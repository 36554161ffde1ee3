import { IsNotBlank } from '../shared/is-not-blank.decorator.js';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/** Wire fields of an enquiry notification, flat as the page lists them or inside `message`. Unknown fields are kept. */
export class CinnoxInquiryFieldsDto {
  /** `Opened`, `Handling`, `Closed` or `Missed`. */
  @IsOptionalText(64)
  status?: string;

  @IsOptionalText()
  serviceId?: string;

  @IsOptionalText()
  displayCaseNumber?: string;

  /** The enquiry's record ID; required of a notification (checked by the hook, for a clear message). */
  @IsOptionalText()
  @IsNotBlank()
  eid?: string;

  /** Documented as `inquiry`; `message` when CINNOX wraps the fields. */
  @IsOptionalText(64)
  type?: string;

  @IsOptionalText(64)
  channel?: string;

  @IsOptionalText(64)
  channelOri?: string;

  @IsOptionalText()
  socialId?: string;

  /** RFC 3339. */
  @IsOptionalText(64)
  date?: string;

  @IsOptionalText()
  destination?: string;

  // The value list was not published and the plural name hints at a list: a string or strings.
  @MaxLength(64, { each: true })
  @IsString({ each: true, message: 'destinationTypes must be a string or an array of strings' })
  @IsOptional()
  destinationTypes?: string | string[];

  [field: string]: unknown;
}
