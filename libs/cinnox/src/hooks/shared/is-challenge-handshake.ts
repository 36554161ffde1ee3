/**
 * CINNOX's URL verification is told by its shape, the same for every hook family:
 * a `challenge` and no `message` (notifications may carry a `challenge` too).
 */
export function isChallengeHandshake(body: { challenge?: unknown; message?: unknown }): body is { challenge: string } {
  return typeof body.challenge === 'string' && (body.message === undefined || body.message === null);
}
