/**
 * A copy of `value` in which every string or number under one of `fields` (at any depth) keeps its leading
 * `+` and its last four digits, every other digit replaced with `*` (`+85291234567` becomes `+*******4567`).
 * Objects keep their prototype (event classes stay event classes), dates are kept.
 */
export function maskPhoneNumbers<T>(value: T, fields: ReadonlySet<string>): T {
  return copy(value, fields, undefined) as T;
}

function copy(value: unknown, fields: ReadonlySet<string>, field: string | undefined): unknown {
  if ((typeof value === 'string' || typeof value === 'number') && field !== undefined && fields.has(field)) return mask(String(value));
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((element) => copy(element, fields, field));
  const result = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const [key, inner] of Object.entries(value)) result[key] = copy(inner, fields, key);
  return result;
}

function mask(number: string): string {
  let keep = 4;
  // Digits are ASCII: a code unit at a time is enough.
  const characters = number.split('');
  for (let index = characters.length - 1; index >= 0; index--) {
    if (characters[index]! < '0' || characters[index]! > '9') continue;
    if (keep > 0) keep--;
    else characters[index] = '*';
  }
  return characters.join('');
}
