import { ValidateBy, type ValidationOptions } from 'class-validator';

// An id made only of spaces identifies nothing: it is refused as a missing one would be (a 400 naming the
// field), where IsNotEmpty alone lets "   " through to the dedupe key and the events.
export const IsNotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim() !== '',
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
