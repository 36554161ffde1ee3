import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CinnoxCallMessageDto } from './call-message.dto.js';

// With stopAtFirstError, class-validator checks a property's decorators bottom-up:
// the type check sits lowest so its message is the one reported.

/**
 * Wire shape of every POST CINNOX sends to the call hook's route: the verification handshake
 * `{ challenge }` or a notification `{ message }` (which may carry a `challenge` too).
 */
export class CinnoxWebhookDto {
  // Required when there is no message: then it is the handshake.
  @ValidateIf((body: CinnoxWebhookDto) => body.message === undefined || body.challenge !== undefined)
  @MaxLength(1024)
  @IsNotEmpty({ message: 'challenge must not be empty' })
  @IsString({ message: 'challenge must be a string, or the body must carry a "message" object' })
  challenge?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CinnoxCallMessageDto)
  @IsObject({ message: 'message must be an object' })
  message?: CinnoxCallMessageDto;
}
