import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { CinnoxEventQueue } from '../core/cinnox-event.queue.js';
import { CinnoxEventProcessor } from './cinnox-event.processor.js';
import { CINNOX_DEAD_LETTER_QUEUE, CINNOX_EVENTS_QUEUE } from './cinnox-queue.constants.js';

// A client still connecting when the grace period ends is not waited for: BullMQ disconnects it without QUIT.
const CONNECTED_WITHIN_MS = 20;

/** What of a BullMQ queue or worker holds a Redis connection. */
interface ConnectionOwner {
  readonly client: Promise<unknown>;
}

/**
 * Bounds the queue's close by the shutdown grace period. BullMQ closes a queue or worker with QUIT and waits
 * for Redis's answer (a worker first waits for its blocking connection to end, up to ioredis's
 * `disconnectTimeout`), so a Redis that accepts connections and answers nothing holds `app.close()` for ever.
 * When the grace period is over, every BullMQ connection of this module is cut (the socket destroyed, not
 * ended: a frozen peer never acknowledges an end); the commands waiting on it fail, so each close returns.
 * Jobs a cut worker held are retried by another worker once their lock expires, as after a crash.
 */
@Injectable()
export class CinnoxQueueShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('CinnoxQueue');
  private timer?: NodeJS.Timeout;
  private cut?: Promise<void>;

  constructor(
    private readonly port: CinnoxEventQueue,
    @Inject(getQueueToken(CINNOX_EVENTS_QUEUE)) private readonly events: Queue,
    @Inject(getQueueToken(CINNOX_DEAD_LETTER_QUEUE)) private readonly deadLetters: Queue,
    @Inject(CinnoxEventProcessor) private readonly processor: CinnoxEventProcessor | Record<string, never>,
  ) {}

  // Armed before the worker starts closing; re-armed in onApplicationShutdown, where the queues send QUIT.
  beforeApplicationShutdown(): void {
    this.arm();
  }

  onApplicationShutdown(): void {
    this.arm();
  }

  private arm(): void {
    const consumer = this.port.consumerIfAttached;
    const deadline = consumer?.shutdownDeadline();
    if (!consumer || deadline === undefined || this.timer) return;
    const { shutdownSignal } = consumer;
    if (shutdownSignal.aborted) return void this.cutAll();
    // The signal aborts a little before the deadline, leaving time to close; the timer is there for a
    // shutdown whose grace clock was stopped before it aborted (its teardown began).
    shutdownSignal.addEventListener('abort', () => void this.cutAll(), { once: true });
    this.timer = setTimeout(() => void this.cutAll(), Math.max(0, deadline - Date.now()));
    this.timer.unref();
  }

  private cutAll(): Promise<void> {
    clearTimeout(this.timer);
    this.cut ??= (async () => {
      const workers = this.processor instanceof CinnoxEventProcessor ? this.processor.workers : [];
      const owners: ConnectionOwner[] = [this.events, this.deadLetters, ...workers, ...workers.flatMap(blockingConnectionOf)];
      const clients = await Promise.all(owners.map(connectedClient));
      const cut = clients.filter((client): client is Redis => client !== undefined && client.status !== 'end');
      for (const client of cut) {
        client.disconnect();
        client.stream?.destroy();
      }
      if (cut.length > 0) this.logger.warn(`The shutdown grace period ended: ${cut.length} BullMQ Redis connection(s) cut.`);
    })();
    return this.cut;
  }
}

async function connectedClient(owner: ConnectionOwner): Promise<Redis | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CONNECTED_WITHIN_MS)));
  try {
    return (await Promise.race([owner.client.catch(() => undefined), late])) as Redis | undefined;
  } finally {
    clearTimeout(timer);
  }
}

// BullMQ 5 keeps a worker's blocking connection private; read where it is, skipped if a version moves it.
function blockingConnectionOf(worker: Worker): ConnectionOwner[] {
  const blocking = (worker as unknown as { blockingConnection?: Partial<ConnectionOwner> }).blockingConnection;
  return blocking?.client instanceof Promise ? [blocking as ConnectionOwner] : [];
}
