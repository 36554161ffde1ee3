/** A phone number CINNOX typed Number (but may send as text) as a trimmed string; `null` when absent or blank. */
export function toPhoneNumber(value: string | number | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}
