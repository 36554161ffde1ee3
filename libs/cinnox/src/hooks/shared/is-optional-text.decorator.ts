import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';

// With stopAtFirstError class-validator checks in registration order: the type check goes first so its
// message is the one reported.

/** An optional string field of at most `maxLength` characters (`null` counts as absent). */
export const IsOptionalText = (maxLength = 256): PropertyDecorator => applyDecorators(IsString(), MaxLength(maxLength), IsOptional());
