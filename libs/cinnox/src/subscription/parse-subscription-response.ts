import type { CinnoxSubscription } from './cinnox-subscription.interface.js';

// RFC 3339 date-time: date, 'T' (any case), time with optional fraction, and a zone.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Reads the documented 200 body; returns what is wrong as a string when it does not match. */
export function parseSubscriptionResponse(body: unknown): CinnoxSubscription | string {
  if (!isRecord(body)) return 'the body is not a JSON object';
  const { result } = body;
  if (!isRecord(result)) return 'the body has no "result" object';
  const { enabled, url, updatedAt } = result;
  if (typeof enabled !== 'boolean') return '"result.enabled" is not a boolean';
  if (typeof url !== 'string') return '"result.url" is not a string';
  if (typeof updatedAt !== 'string' || !RFC3339.test(updatedAt) || Number.isNaN(Date.parse(updatedAt))) {
    return '"result.updatedAt" is not an RFC 3339 date-time';
  }
  return { enabled, url, updatedAt: new Date(updatedAt) };
}

/** Reads CINNOX's `{ code, message }` error body, keeping whichever half is well-typed. */
export function parseErrorBody(body: unknown): { code?: number; message?: string } {
  if (!isRecord(body)) return {};
  return {
    code: typeof body.code === 'number' ? body.code : undefined,
    message: typeof body.message === 'string' ? body.message : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
