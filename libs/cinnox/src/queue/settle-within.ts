import { redisNoAnswer } from '../cinnox.messages.js';

/**
 * `work`, or a rejection once `ms` have passed. Kept by hand: BullMQ's `Queue.add` and ioredis commands
 * take no AbortSignal, so the timer is all there is; it is cleared as soon as `work` settles.
 */
export async function settleWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(redisNoAnswer(what, ms))), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
