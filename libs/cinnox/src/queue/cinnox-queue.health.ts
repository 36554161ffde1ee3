import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CINNOX_EVENTS_QUEUE, CINNOX_QUEUE_OPTIONS } from './cinnox-queue.constants.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
import { settleWithin } from './settle-within.js';

/** What the queue indicator reports under its key, in `@nestjs/terminus`'s result shape. @publicApi */
export interface CinnoxQueueHealth {
  status: 'up' | 'down';
  /** Whether the webhook's producer connection answered a PING in time. */
  redis: 'reachable' | 'unreachable';
  /** Why it is unreachable, when it is. */
  reason?: string;
}

/**
 * Health indicator of queue mode: `down` while the webhook's producer cannot reach Redis (then every
 * notification is answered 503), so `/health` shows the outage. It returns terminus's result shape
 * without importing `@nestjs/terminus`; pass it to `HealthCheckService.check()` like any indicator.
 * @publicApi
 */
@Injectable()
export class CinnoxQueueHealthIndicator {
  constructor(
    @InjectQueue(CINNOX_EVENTS_QUEUE) private readonly queue: Queue,
    @Inject(CINNOX_QUEUE_OPTIONS) private readonly options: Required<Pick<CinnoxQueueOptions, 'enqueueTimeoutMs'>>,
  ) {}

  /**
   * PINGs Redis on the producer's connection, waiting at most `enqueueTimeoutMs`.
   * @param key the key of the result in the health report.
   */
  async check<const Key extends string = 'queue'>(key: Key = 'queue' as Key): Promise<Record<Key, CinnoxQueueHealth>> {
    let health: CinnoxQueueHealth;
    try {
      await settleWithin(
        this.queue.client.then((client) => client.runCommand('ping', [])),
        this.options.enqueueTimeoutMs,
        'answer',
      );
      health = { status: 'up', redis: 'reachable' };
    } catch (error) {
      health = { status: 'down', redis: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
    }
    return { [key]: health } as Record<Key, CinnoxQueueHealth>;
  }
}
