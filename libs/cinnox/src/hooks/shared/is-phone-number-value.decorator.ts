import { ValidateBy, type ValidationOptions } from 'class-validator';

// The vendor page types phone numbers as Number, real payloads also carry strings ("+852...").
// Both are accepted; numbers only while they are exact (every E.164 number is below 2^53).
export const IsPhoneNumberValue = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPhoneNumberValue',
      validator: {
        // A string of spaces would be emitted as "": refused, while "" (no number) is dropped.
        validate: (value: unknown) =>
          (typeof value === 'string' && value.length <= 64 && (value === '' || value.trim() !== '')) ||
          (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0),
        defaultMessage: () => '$property must be a string (not blank, at most 64 characters) or a non-negative whole number',
      },
    },
    options,
  );
