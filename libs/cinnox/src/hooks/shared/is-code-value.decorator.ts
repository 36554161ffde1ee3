import { ValidateBy, type ValidationOptions } from 'class-validator';

// A code the page types String ("400") that a sender may well put as a JSON number.
export const IsCodeValue = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCodeValue',
      validator: {
        validate: (value: unknown) => (typeof value === 'string' && value.length <= 64) || Number.isSafeInteger(value),
        defaultMessage: () => '$property must be a string of at most 64 characters or a whole number',
      },
    },
    options,
  );
