import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/** Wire shape of a recording notification's `message`. Unknown fields are kept, not rejected. */
export class CinnoxRecordingMessageDto {
  /** `call` or `conference`. */
  @IsOptionalText(64)
  type?: string;

  /** `success` or `fail`. */
  @IsOptionalText(64)
  status?: string;

  @IsOptionalText()
  serviceId?: string;

  /** The call ID or conference ID; required of a notification (checked by the hook, for a clear message). */
  @IsOptionalText()
  id?: string;

  [field: string]: unknown;
}
