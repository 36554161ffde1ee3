import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';

// The webhook pipe's options: every constraint is synchronous, the first problem is enough.
const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/** A JSON object body as `definition`'s DTO instance, with class-validator's findings (empty when valid). */
export function toHookDto<T extends object>(definition: CinnoxHookDefinition<T>, body: object): { dto: T; errors: ValidationError[] } {
  const dto = plainToInstance(definition.dto, body);
  return { dto, errors: validateSync(dto, VALIDATOR_OPTIONS) };
}

/** `toHookDto` for bodies known to be valid (fixtures, stored jobs): throws on the first problem. */
export function toValidHookDto<T extends object>(definition: CinnoxHookDefinition<T>, body: object): T {
  const { dto, errors } = toHookDto(definition, body);
  if (errors.length > 0) throw new Error(`Not a valid ${definition.name} body: ${errors.map((error) => error.toString()).join('; ')}`);
  return dto;
}
