import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsOptionalText } from './is-optional-text.decorator.js';

// The one envelope CINNOX wraps notifications in, written once. Some pages show the fields inside `message`
// beside a top-level `type` ("message") and a `challenge` "for internal use" (neither makes the body a
// handshake); the enquiry and SMS pages list the same fields flat. Liberal in what it accepts: every hook
// takes `type` and `challenge` at the top, and the flat-or-message hooks take their fields either way.

/** A DTO class whose instances are created without arguments, as class-transformer does. */
type DtoClass<T extends object = object> = new () => T;

/** The top level around `message`: `type` and the internal `challenge`. */
export class CinnoxHookEnvelopeDto {
  @IsOptionalText(64)
  type?: string;

  @IsOptionalText(1024)
  challenge?: string;
}

/** The wire shape of a hook whose fields come inside `message` (recording, contacts). */
export function messageEnvelopeDto<T extends object>(Message: DtoClass<T>): DtoClass<CinnoxHookEnvelopeDto & { message?: T }> {
  class MessageEnvelope extends CinnoxHookEnvelopeDto {
    @IsOptional()
    @ValidateNested()
    @Type(() => Message)
    @IsObject({ message: 'message must be an object' })
    message?: T;
  }
  return MessageEnvelope;
}

/** The wire shape of a hook whose fields come flat or inside `message` (enquiry, SMS): both are accepted. */
export function flatOrMessageEnvelopeDto<T extends object>(Fields: DtoClass<T>): DtoClass<T & CinnoxHookEnvelopeDto & { message?: T }> {
  // Written on the fields class so the flat fields are validated at the top; `type` and `challenge` as above.
  class FlatOrMessageEnvelope extends (Fields as DtoClass) {
    @IsOptionalText(64)
    type?: string;

    @IsOptionalText(1024)
    challenge?: string;

    @IsOptional()
    @ValidateNested()
    @Type(() => Fields)
    @IsObject({ message: 'message must be an object' })
    message?: T;
  }
  return FlatOrMessageEnvelope as DtoClass<T & CinnoxHookEnvelopeDto & { message?: T }>;
}
