import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/** Wire shape of a staff- or external-contact notification's `message`. Unknown fields are kept. */
export class CinnoxContactMessageDto {
  /** Documented as `contact`. */
  @IsOptionalText(64)
  type?: string;

  /** `staffCreate` / `staffEdit` / `staffDelete`, or `create` / `edit` / `delete`. */
  @IsOptionalText(64)
  status?: string;

  @IsOptionalText()
  serviceId?: string;

  @IsOptionalText(1024)
  fullName?: string;

  /** The staff or contact ID; required of a notification (checked by the hook, for a clear message). */
  @IsOptionalText()
  id?: string;

  [field: string]: unknown;
}
