import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { openApiValidatorUnknown } from '../cinnox.messages.js';
import { CinnoxError } from '../errors/cinnox.error.js';
import type { CinnoxJsonSchema } from './cinnox-openapi-operation.interface.js';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

// What each class-validator constraint the DTOs use says about a value, as JSON Schema keywords. A
// constraint missing here fails the generation (and the spec that walks every hook), never silently.
const CONSTRAINTS: Readonly<Record<string, (constraints: readonly unknown[]) => CinnoxJsonSchema>> = {
  isDefined: () => ({}),
  isString: () => ({ type: 'string' }),
  isNotEmpty: () => ({ minLength: 1 }),
  maxLength: ([max]) => ({ maxLength: max }),
  minLength: ([min]) => ({ minLength: min }),
  isObject: () => ({ type: 'object' }),
  isBoolean: () => ({ type: 'boolean' }),
  isInt: () => ({ type: 'integer' }),
  isNumber: () => ({ type: 'number' }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  isIn: ([values]) => ({ enum: values }),
  // The library's own ValidateBy validators (webhook/dto).
  isPhoneNumberValue: () => ({
    oneOf: [
      { type: 'string', maxLength: 64, pattern: '^$|\\S' },
      { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    ],
  }),
  isNotBlank: () => ({ pattern: '\\S' }),
  isCodeValue: () => ({
    oneOf: [
      { type: 'string', maxLength: 64 },
      { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    ],
  }),
};

/**
 * The JSON Schema (OpenAPI 3 subset) of a class-validator DTO, read from the metadata the webhook pipe
 * validates with: class-validator's constraints per property, class-transformer's `@Type` for nested DTOs.
 * A property is required when a constraint checks it and no `@IsOptional` or `@ValidateIf` may skip it
 * (class-validator lets an absent value through `@Allow` and `@ValidateNested`); unknown fields stay allowed,
 * as the pipe keeps them. Inherited properties are included, nested DTOs inlined (no `$ref`), so the
 * result is plain data a host can merge into any document.
 */
export function toJsonSchema(dto: Function, seen: readonly Function[] = []): CinnoxJsonSchema {
  // A DTO nesting itself would inline forever; none does, and the spec walks them all.
  if (seen.includes(dto)) return { type: 'object' };
  const properties = new Map<string, ValidationMetadata[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false, undefined)) {
    properties.set(metadata.propertyName, [...(properties.get(metadata.propertyName) ?? []), metadata]);
  }
  const schema: Record<string, CinnoxJsonSchema> = {};
  const required: string[] = [];
  for (const [name, metadatas] of properties) {
    schema[name] = toPropertySchema(dto, name, metadatas, [...seen, dto]);
    if (metadatas.some(isConstraint) && !metadatas.some((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION)) {
      required.push(name);
    }
  }
  return { type: 'object', ...(required.length > 0 && { required }), properties: schema };
}

function toPropertySchema(
  dto: Function,
  name: string,
  metadatas: readonly ValidationMetadata[],
  seen: readonly Function[],
): CinnoxJsonSchema {
  const value: CinnoxJsonSchema[] = [];
  const element: CinnoxJsonSchema[] = [];
  let nested: CinnoxJsonSchema | undefined;
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
      case ValidationTypes.WHITELIST:
        break;
      case ValidationTypes.NESTED_VALIDATION:
        nested = toJsonSchema(nestedType(dto, name), seen);
        break;
      default: {
        const keywords = CONSTRAINTS[constraintName(metadata)];
        if (!keywords) throw new CinnoxError(openApiValidatorUnknown(dto.name, name, constraintName(metadata)));
        (metadata.each ? element : value).push(keywords(metadata.constraints ?? []));
      }
    }
  }
  const own = merge(value);
  if (nested) {
    // @ValidateNested takes an object, or an array of them unless @IsObject narrows it to the object.
    return own.type === 'object' ? { ...own, ...nested } : { oneOf: [nested, { type: 'array', items: nested }] };
  }
  // `each`: an array's elements are checked instead of the value, and a single value is checked itself.
  if (element.length > 0) {
    const item = merge(element);
    return { ...own, oneOf: [item, { type: 'array', items: item }] };
  }
  return own;
}

const isConstraint = ({ type }: ValidationMetadata): boolean =>
  type === ValidationTypes.CUSTOM_VALIDATION || type === ValidationTypes.IS_DEFINED;

// A string's minLength from @IsNotEmpty and @MinLength: the stricter one wins, whatever the order.
function merge(parts: readonly CinnoxJsonSchema[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [keyword, value] of Object.entries(part)) {
      merged[keyword] = keyword === 'minLength' && typeof merged[keyword] === 'number' ? Math.max(merged[keyword], value as number) : value;
    }
  }
  return merged;
}

// The name class-validator registers a ValidateBy / built-in constraint under; `name` itself on 0.15.
function constraintName(metadata: ValidationMetadata): string {
  const [constraint] = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  return metadata.name ?? constraint?.name ?? metadata.type;
}

// The class class-transformer builds for the property (its `@Type`), read through its public API as the
// webhook's validity check does: the type of an empty object put there.
function nestedType(dto: Function, property: string): Function {
  const instance = plainToInstance(dto as new () => object, { [property]: {} }) as Record<string, object | undefined>;
  return instance[property]?.constructor ?? Object;
}
