/**
 * Every event's `eventId`: `<hook>:<id>:<status>`, then what else tells two events of one id and status apart
 * where CINNOX repeats them (an enquiry's date and destination, a contact edit's content digest, what a
 * recording was of). The same on every redelivery and queue retry, in inline and queue modes alike, so
 * listeners with side effects key their idempotence on it; it is also the webhook's dedupe key.
 */
export function cinnoxEventId(hook: string, id: string, status: string, ...qualifiers: readonly string[]): string {
  return [hook, id, status, ...qualifiers].join(':');
}
