import { randomUUID } from 'node:crypto';

/**
 * A label or enquiry-label notification. CINNOX documents no payload, so this is a guess of a plausible
 * one unless you pass the body to send: the hooks accept any JSON object.
 * @publicApi
 */
export function labelNotification(body?: Record<string, unknown>): Record<string, unknown> {
  return body ?? { type: 'message', message: { id: `label-${randomUUID()}`, name: 'VIP', status: 'create', serviceId: 'service-demo' } };
}
