import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { webhookBodyInvalid } from '../cinnox.messages.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import { compileValidityCheck, type ValidityCheck } from './compile-validity-check.js';
import { toHookDto } from './to-hook-dto.js';
import { findJsonHazard } from './find-json-hazard.js';

/**
 * Validates a hook's webhook body against its class-validator DTO, like `ValidationPipe({ transform: true })`
 * but on the cheaper path (profiled on the hot route): one known DTO, a check compiled from its metadata
 * for the common case (a valid body passes on as the plain object, which the hook definitions read),
 * and class-validator itself for anything else, reporting the first problem with its JSON path.
 */
export class CinnoxWebhookValidationPipe implements PipeTransform<unknown, object> {
  private readonly isValid: ValidityCheck;

  constructor(private readonly hook: CinnoxHookDefinition) {
    this.isValid = compileValidityCheck(hook.dto);
  }

  transform(value: unknown): object {
    // Arrays and primitives would otherwise reach class-transformer and come out as odd instances.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid('the body must be a JSON object (Content-Type: application/json)');
    }
    const hazard = findJsonHazard(value);
    if (hazard) throw invalid(hazard);
    if (this.isValid(value as Record<string, unknown>)) return value;
    const { dto, errors } = toHookDto(this.hook, value);
    if (errors.length > 0) throw invalid(firstProblem(errors));
    return dto;
  }
}

function invalid(detail: string): BadRequestException {
  return new BadRequestException(webhookBodyInvalid(detail));
}

function firstProblem(errors: ValidationError[], parent = ''): string {
  const error = errors[0];
  if (!error) return 'the body is not a valid CINNOX notification';
  const path = parent ? `${parent}.${error.property}` : error.property;
  const constraint = error.constraints && Object.values(error.constraints)[0];
  // class-validator names only the property; give the full path so the sender can find it.
  if (constraint) return constraint.startsWith(error.property) ? path + constraint.slice(error.property.length) : `${path}: ${constraint}`;
  return error.children?.length ? firstProblem(error.children, path) : `${path} is invalid`;
}
