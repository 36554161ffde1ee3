import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** True only when class-validator would find nothing wrong with `body` as the DTO; false means "ask it". */
export type ValidityCheck = (body: Record<string, unknown>) => boolean;

interface CompiledProperty {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  constraints: { validate: (value: unknown, args: ValidationArguments) => unknown; constraints: unknown[]; each: boolean }[];
  // The class-transformer type of a nested value; null when it has none (class-validator then refuses it).
  nested?: (() => ValidityCheck) | null;
}

const ALWAYS_UNSURE: ValidityCheck = () => false;
const compiled = new WeakMap<Function, ValidityCheck>();

/**
 * The hot path's validation: class-transformer + class-validator cost about 18 µs per notification (their
 * metadata is looked up and filtered on every call, and every nested object is rebuilt as a class instance).
 * This compiles a DTO class's class-validator metadata once into a check on the plain parsed body that runs
 * the same constraint functions (IsString, MaxLength, ValidateIf, `each`, the library's own ValidateBy
 * validators...) and needs no instances. It answers only "certainly valid": anything it does not model (async
 * constraints, a constraint's own `validateIf`, field initializers, a nested type it cannot tell, a failing
 * constraint) answers false, and the caller asks class-validator, which stays the one authority on what is
 * wrong and how to say it.
 */
export function compileValidityCheck(dto: Function): ValidityCheck {
  let check = compiled.get(dto);
  if (check) return check;
  // Recursive DTOs: a nested reference resolves through the map once this class is compiled.
  compiled.set(dto, (body) => compiled.get(dto)!(body));
  check = compile(dto) ?? ALWAYS_UNSURE;
  compiled.set(dto, check);
  return check;
}

function compile(dto: Function): ValidityCheck | undefined {
  const storage = getMetadataStorage();
  // The same selection class-validator makes for an object of this class validated without groups.
  const metadatas = storage.getTargetValidationMetadatas(dto, '', false, false, undefined);
  // forbidUnknownValues: a class without metadata is refused.
  if (metadatas.length === 0 || !hasNoFieldDefaults(dto)) return undefined;
  const properties = new Map<string, CompiledProperty>();
  for (const metadata of metadatas) {
    if (metadata.validateIf) return undefined;
    let property = properties.get(metadata.propertyName);
    if (!property) properties.set(metadata.propertyName, (property = { name: metadata.propertyName, conditions: [], constraints: [] }));
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        property.conditions.push(metadata.constraints[0] as CompiledProperty['conditions'][number]);
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
      case ValidationTypes.IS_DEFINED:
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) return undefined;
          const instance = constraint.instance as { validate: CompiledProperty['constraints'][number]['validate'] };
          property.constraints.push({
            validate: instance.validate.bind(instance),
            constraints: metadata.constraints,
            each: metadata.each === true,
          });
        }
        break;
      case ValidationTypes.NESTED_VALIDATION:
        property.nested = nestedType(dto, metadata);
        if (property.nested === undefined) return undefined;
        break;
      case ValidationTypes.WHITELIST:
        break;
      default:
        return undefined;
    }
  }
  const list = [...properties.values()];
  const targetName = dto.name;
  return (body) => {
    for (const { name, conditions, constraints, nested } of list) {
      const value = body[name];
      if (!conditions.every((condition) => condition(body, value))) continue;
      for (const { validate, constraints: args, each } of constraints) {
        const context = { targetName, property: name, object: body, value, constraints: args };
        // `each`: every element of an array is checked, as class-validator does, instead of the array.
        if (each && Array.isArray(value)) {
          if (!(value as unknown[]).every((element) => isTrue(validate(element, context)))) return false;
        } else if (!isTrue(validate(value, context))) return false;
      }
      if (nested === undefined || value === undefined) continue;
      if (nested === null) return false;
      if (!Array.isArray(value)) {
        if (!isPlainObject(value) || !nested()(value)) return false;
        continue;
      }
      for (const element of value as unknown[]) {
        if (element !== undefined && (!isPlainObject(element) || !nested()(element))) return false;
      }
    }
    return true;
  };
}

// The nested class class-transformer would build (its `@Type`), found through its public API: the type of an
// empty object and of an empty object in an array. Undefined when the two differ (a discriminator, say).
function nestedType(dto: Function, metadata: ValidationMetadata): (() => ValidityCheck) | null | undefined {
  const property = metadata.propertyName;
  const single = (plainToInstance(dto as new () => object, { [property]: {} }) as Record<string, unknown>)[property];
  const listed = (plainToInstance(dto as new () => object, { [property]: [{}] }) as Record<string, unknown[]>)[property]?.[0];
  const type = (single as object | undefined)?.constructor;
  if (type === undefined || type !== (listed as object | undefined)?.constructor) return undefined;
  if (type === Object) return null;
  return () => compileValidityCheck(type);
}

// A field initializer gives class-transformer's instance a value the plain body lacks: such a class is not modelled.
function hasNoFieldDefaults(dto: Function): boolean {
  try {
    return Object.values(new (dto as new () => object)()).every((value) => value === undefined);
  } catch {
    return false;
  }
}

// A constraint's answer; a promise (an async constraint class-validator would skip in validateSync) is not a yes.
const isTrue = (answer: unknown): boolean => Boolean(answer) && !(answer instanceof Promise);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
