import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPhoneNumberValue } from './is-phone-number-value.decorator.js';

/** Wire shape of `caller` / `callees` entries. */
export class CinnoxCallPartyDto {
  @IsOptional()
  @MaxLength(256)
  @IsString()
  eid?: string;

  @IsOptional()
  @IsPhoneNumberValue()
  number?: string | number;
}
