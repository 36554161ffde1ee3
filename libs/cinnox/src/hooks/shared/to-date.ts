/**
 * An RFC 3339 text as a `Date`; `null` when absent or unparsable. A bad date is not worth refusing the
 * notification over: the text stays in the event's `raw`.
 */
export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}
