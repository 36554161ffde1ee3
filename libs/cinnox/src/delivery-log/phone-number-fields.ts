import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

// The name hooks/shared/is-phone-number-value.decorator.ts registers its validator under.
const PHONE_NUMBER_CONSTRAINT = 'isPhoneNumberValue';

/**
 * The names of the fields a hook's DTO (nested DTOs included) validates as phone numbers, read from its
 * class-validator metadata: a new DTO field declared with `@IsPhoneNumberValue()` is masked without being
 * listed anywhere.
 */
export function phoneNumberFields(dto: Function): ReadonlySet<string> {
  const names = new Set<string>();
  collect(dto, names, new Set());
  return names;
}

function collect(dto: Function, names: Set<string>, seen: Set<Function>): void {
  if (seen.has(dto)) return;
  seen.add(dto);
  const storage = getMetadataStorage();
  for (const metadata of storage.getTargetValidationMetadatas(dto, '', false, false, undefined)) {
    if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
      const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
      if (constraints.some((constraint) => constraint.name === PHONE_NUMBER_CONSTRAINT)) names.add(metadata.propertyName);
    } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
      const nested = nestedType(dto, metadata.propertyName);
      if (nested) collect(nested, names, seen);
    }
  }
}

// The class class-transformer builds for the property (its `@Type`), for an object and for an array element.
function nestedType(dto: Function, property: string): Function | undefined {
  const single = (plainToInstance(dto as new () => object, { [property]: {} }) as Record<string, unknown>)[property];
  const listed = (plainToInstance(dto as new () => object, { [property]: [{}] }) as Record<string, unknown[]>)[property]?.[0];
  const type = ((single ?? listed) as object | undefined)?.constructor;
  return type === undefined || type === Object ? undefined : type;
}
