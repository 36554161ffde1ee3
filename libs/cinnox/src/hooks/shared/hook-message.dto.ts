import { IsNotBlank } from './is-not-blank.decorator.js';
import { IsOptionalText } from './is-optional-text.decorator.js';

/**
 * The `message` CINNOX's recording and contact pages document: what it is of, its status, the service and the
 * id. Unknown fields are kept, not rejected.
 */
export class CinnoxHookMessageDto {
  /** What the message is of: `call` or `conference` for a recording, `contact` for a contact. */
  @IsOptionalText(64)
  type?: string;

  /** `success` / `fail` for a recording; `staffCreate` / ... or `create` / ... for a contact. */
  @IsOptionalText(64)
  status?: string;

  @IsOptionalText()
  serviceId?: string;

  /** The call, conference, staff or contact ID; required of a notification (checked by the hook, for a clear message). */
  @IsOptionalText()
  @IsNotBlank()
  id?: string;

  [field: string]: unknown;
}
