// A symbol, not a header or a property a client could name: only the gate can set it.
const ADMITTED = Symbol('cinnox:webhook-admitted');

/** Marks a request as having passed every check of the webhook gate (source, token, content, size). */
export function markAdmitted(request: object): void {
  (request as Record<symbol, boolean>)[ADMITTED] = true;
}

/** True only for a request the gate marked. */
export function wasAdmitted(request: unknown): boolean {
  return typeof request === 'object' && request !== null && (request as Record<symbol, unknown>)[ADMITTED] === true;
}
