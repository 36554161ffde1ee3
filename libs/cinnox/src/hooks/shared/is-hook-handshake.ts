import { hasAnyField } from './has-any-field.js';

/**
 * The handshake test of a hook whose notifications carry `fields` (besides `message`): a non-empty
 * `challenge` and none of them. Several pages document a `challenge` inside notifications too, and the
 * enquiry and SMS ones send their fields flat, so "has a challenge, no message" is not enough.
 */
export function isHookHandshake<T extends { challenge?: unknown }>(fields: readonly string[]): (body: T) => boolean {
  const notificationFields = ['message', ...fields];
  return (body) => typeof body.challenge === 'string' && body.challenge !== '' && !hasAnyField(body, notificationFields);
}
