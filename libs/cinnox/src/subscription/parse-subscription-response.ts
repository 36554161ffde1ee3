import { validateSync } from 'class-validator';
import { subscriptionBodyInvalid, subscriptionResultInvalid } from '../cinnox.messages.js';
import type { CinnoxSubscription } from '../domain/cinnox-subscription.interface.js';
import { CinnoxSubscriptionResultDto } from './dto/cinnox-subscription-result.dto.js';

/** Reads the documented 200 body; returns what is wrong as a string when it does not match. */
export function parseSubscriptionResponse(body: unknown): CinnoxSubscription | string {
  if (!isRecord(body)) return subscriptionBodyInvalid('is not a JSON object');
  const { result } = body;
  if (!isRecord(result)) return subscriptionBodyInvalid('has no "result" object');
  // Only the documented fields are copied: an own "__proto__" key in the JSON must not reach the DTO.
  const { enabled: e, url: u, updatedAt: at } = result;
  const dto = Object.assign(new CinnoxSubscriptionResultDto(), { enabled: e, url: u, updatedAt: at });
  // One message per field, checked in declaration order: the first names what is wrong.
  const [invalid] = validateSync(dto, { stopAtFirstError: true });
  if (invalid) return Object.values(invalid.constraints ?? {})[0] ?? invalid.toString();
  const { enabled, url, updatedAt } = dto;
  // validator.js checks the shape and field ranges, not the calendar (February 30th).
  if (Number.isNaN(Date.parse(updatedAt))) return subscriptionResultInvalid('updatedAt', 'an RFC 3339 date-time');
  return { enabled, url, updatedAt: new Date(updatedAt) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
