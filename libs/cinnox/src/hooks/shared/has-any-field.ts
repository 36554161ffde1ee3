/** True when `body` has a non-null value under one of `fields`. */
export function hasAnyField(body: object, fields: readonly string[]): boolean {
  const record = body as Readonly<Record<string, unknown>>;
  for (const field of fields) {
    if (record[field] !== undefined && record[field] !== null) return true;
  }
  return false;
}
