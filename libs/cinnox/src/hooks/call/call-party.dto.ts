import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CinnoxCallPartyMessage } from './cinnox-call-message.interface.js';
import { IsPhoneNumberValue } from '../shared/is-phone-number-value.decorator.js';

/** Wire shape of `caller` / `callees` entries. */
export class CinnoxCallPartyDto implements CinnoxCallPartyMessage {
  @IsOptional()
  @MaxLength(256)
  @IsString()
  eid?: string;

  @IsOptional()
  @IsPhoneNumberValue()
  number?: string | number;
}
