/** An ioredis client, as far as cutting it goes (`stream` is its socket). */
export interface CuttableRedisClient {
  readonly status: string;
  disconnect(): void;
  connect(): Promise<void>;
  stream?: { destroy(): void };
}

/**
 * Closes an ioredis client now, failing every command still waiting on it ("Connection is closed."), whatever
 * state it is in. `disconnect()` alone does not: on a frozen server it waits for the socket to close (up to
 * `disconnectTimeout`, 2 s), and between two reconnection attempts it only cancels the next one, leaving the
 * client 'reconnecting' for ever, its queued commands unanswered (ioredis 5.11). Connecting once more after
 * the disconnect makes that attempt end the client, as ioredis does when a manual close meets a closed socket.
 */
export function cutRedisClient(redis: CuttableRedisClient): void {
  redis.disconnect();
  if (redis.status === 'reconnecting') redis.connect().catch(() => undefined);
  else redis.stream?.destroy();
}
