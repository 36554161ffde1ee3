import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';

// A symbol, not a header or a property a client could name: only the gate can set it.
const ADMITTED = Symbol('cinnox:webhook-admitted');

/** Marks a request as having passed every check of `hook`'s webhook gate (source, token, content, size). */
export function markAdmitted(request: object, hook: CinnoxHookName): void {
  (request as Record<symbol, CinnoxHookName>)[ADMITTED] = hook;
}

/** The hook whose gate admitted the request, or undefined for a request the gate never marked. */
export function admittedHook(request: unknown): CinnoxHookName | undefined {
  return typeof request === 'object' && request !== null ? (request as Record<symbol, CinnoxHookName | undefined>)[ADMITTED] : undefined;
}
