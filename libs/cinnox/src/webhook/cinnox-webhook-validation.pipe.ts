import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { webhookBodyInvalid } from '../cinnox.messages.js';
import { exceedsJsonDepth } from './json-depth.js';

// A notification is three levels deep; 32 leaves room for unknown fields CINNOX may add.
const MAX_DEPTH = 32;

/** class-validator on the wire DTO; the first problem found is reported, with its JSON path. */
export class CinnoxWebhookValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: false,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new BadRequestException(webhookBodyInvalid(firstProblem(errors))),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Arrays and primitives would otherwise reach class-transformer and come out as odd instances.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadRequestException(webhookBodyInvalid('the body must be a JSON object (Content-Type: application/json)'));
    }
    if (exceedsJsonDepth(value, MAX_DEPTH)) {
      throw new BadRequestException(webhookBodyInvalid(`the body is nested more than ${MAX_DEPTH} levels deep`));
    }
    return super.transform(value, metadata);
  }
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
