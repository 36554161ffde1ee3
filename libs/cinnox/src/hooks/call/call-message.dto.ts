import { IsNotBlank } from '../shared/is-not-blank.decorator.js';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { CinnoxCallMessage } from './cinnox-call-message.interface.js';
import { CinnoxCallPartyDto } from './call-party.dto.js';

/** Wire shape of a call notification's `message`. Unknown fields are kept, not rejected. */
export class CinnoxCallMessageDto implements CinnoxCallMessage {
  @MaxLength(256)
  @IsNotEmpty()
  @IsString()
  @IsNotBlank()
  id!: string;

  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  status!: string;

  @MaxLength(256)
  @IsNotEmpty()
  @IsString()
  serviceId!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxCallPartyDto)
  @IsObject({ message: 'caller must be an object' })
  caller?: CinnoxCallPartyDto;

  // The page names it `callees` but types single fields: one object and an array are both accepted.
  @IsOptional()
  @ValidateNested({ message: 'callees must be an object or an array of objects' })
  @Type(() => CinnoxCallPartyDto)
  callees?: CinnoxCallPartyDto | CinnoxCallPartyDto[];

  [field: string]: unknown;
}
