import { IsOptionalText } from './is-optional-text.decorator.js';

/**
 * The top level the recording and contact pages document around `message`: `type` ("message") and a
 * `challenge` "for internal use". Neither makes the body a handshake.
 */
export class CinnoxHookEnvelopeDto {
  @IsOptionalText(64)
  type?: string;

  @IsOptionalText(1024)
  challenge?: string;
}
