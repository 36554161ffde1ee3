/** An optional text field as the events give it: `null` when absent or empty, as sent otherwise. */
export function toText(value: string | number | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value : String(value);
}
