import { CinnoxHookMessageDto } from '../shared/hook-message.dto.js';
import { IsOptionalText } from '../shared/is-optional-text.decorator.js';

/** Wire shape of a staff- or external-contact notification's `message`: the hooks' common one, plus the name. */
export class CinnoxContactMessageDto extends CinnoxHookMessageDto {
  @IsOptionalText(1024)
  fullName?: string;
}
