import { invalidQueueOption, queueBatchOutlastsEnqueue } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';

// setTimeout fires at once for anything above 2^31 - 1 ms (about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

type Checked = Required<Omit<CinnoxQueueOptions, 'producerConnection' | 'workerConnection'>> & Pick<CinnoxQueueOptions, 'workerConnection'>;

/**
 * Fails start-up with a `CinnoxOptionsError` naming the queue option that is wrong, as `CinnoxModule` does for
 * its own: a bad value would otherwise surface as a 503 to every delivery, or as a worker that never runs.
 */
export function checkQueueOptions<T extends Checked>(resolved: T, producerConnection?: unknown): T {
  const { worker, attempts, backoffMs, concurrency, batchWindowMs, maxBatch, retentionMs, enqueueTimeoutMs } = resolved;
  if (typeof worker !== 'boolean') fail('worker', 'must be true or false', worker);
  positive('attempts', attempts);
  timer('backoffMs', backoffMs, 0);
  positive('concurrency', concurrency);
  timer('enqueueTimeoutMs', enqueueTimeoutMs, 1);
  timer('batchWindowMs', batchWindowMs, 0);
  // The batch's timer starts with its first job: a window as long as the wait leaves Redis no time at all.
  if (batchWindowMs >= enqueueTimeoutMs) {
    throw new CinnoxOptionsError('batchWindowMs', queueBatchOutlastsEnqueue(batchWindowMs, enqueueTimeoutMs));
  }
  positive('maxBatch', maxBatch);
  positive('retentionMs', retentionMs);
  timer('lockDurationMs', resolved.lockDurationMs, 1);
  timer('stalledIntervalMs', resolved.stalledIntervalMs, 1);
  // Resolved with its defaults, so both bounds are present: a zero or fractional bound would empty or never trim it.
  positive('deadLetter.maxAgeMs', resolved.deadLetter?.maxAgeMs);
  positive('deadLetter.maxCount', resolved.deadLetter?.maxCount);
  connection('producerConnection', producerConnection);
  connection('workerConnection', resolved.workerConnection);
  return resolved;
}

function fail(option: string, expected: string, got?: unknown): never {
  throw new CinnoxOptionsError(option, invalidQueueOption(option, expected, got));
}

function positive(option: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1) fail(option, 'must be a positive whole number', value);
}

function timer(option: string, value: unknown, least: 0 | 1): void {
  if (!Number.isInteger(value) || (value as number) < least) {
    fail(option, least === 0 ? 'must be a whole number of ms, 0 or more' : 'must be a positive whole number of ms', value);
  }
  if ((value as number) > MAX_TIMER_MS) fail(option, `must be at most ${MAX_TIMER_MS} ms (about 24.8 days)`, value);
}

function connection(option: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    fail(option, 'must be BullMQ connection options (an object such as { host, port }) or an ioredis client', value);
  }
}
