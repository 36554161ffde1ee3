import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import { CinnoxEventProcessor } from './cinnox-event.processor.js';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE } from './cinnox-queue.constants.js';
import { cutRedisClient, type CuttableRedisClient } from './cut-redis-client.js';

/** A queue or a worker: its client and, for a worker, the blocking one (not part of its public type). */
interface ConnectionHolder {
  readonly client: Promise<unknown>;
  readonly blockingConnection?: { readonly client: Promise<unknown> };
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Keeps the queue's Redis connections from holding a shutdown. BullMQ closes a connection with QUIT and
 * waits for the answer, which a frozen Redis (accepting, answering nothing) never gives, and ioredis keeps
 * a socket it asked to close for another 2 s, or for ever when Redis is down (see cutRedisClient). Once the shutdown's waiting is over
 * (the grace signal), or when this module's teardown starts, the worker and both queues get half of the
 * time the grace period keeps for the teardown to close; past it their sockets are cut, so the calls still
 * waiting fail and every close, @nestjs/bullmq's own included, ends at once. A job cut off is retried by
 * another worker once its lock lapses.
 */
@Injectable()
export class CinnoxQueueShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectQueue(CINNOX_CALL_EVENTS_QUEUE) private readonly queue: Queue,
    @InjectQueue(CINNOX_DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
  ) {}

  // The worker closes in this phase (see CinnoxEventProcessor), until the grace signal says the waiting is over.
  beforeApplicationShutdown(): void {
    const signal = this.find<CinnoxGracefulShutdown>(CinnoxGracefulShutdown)?.signal;
    if (signal?.aborted) this.armCut();
    else signal?.addEventListener('abort', () => this.armCut(), { once: true });
  }

  // This module sits above the queues @nestjs/bullmq registers for it, so its teardown starts before theirs.
  async onApplicationShutdown(): Promise<void> {
    this.armCut();
    const worker = this.worker();
    await Promise.all([worker?.close(), this.queue.close(), this.deadLetters.close()]);
    clearTimeout(this.timer);
  }

  private armCut(): void {
    if (this.timer) return;
    const graceMs = this.find<CinnoxResolvedOptions>(CINNOX_RESOLVED_OPTIONS)?.shutdownGraceMs ?? 5000;
    // CinnoxGracefulShutdown keeps a fifth of the grace period (at most 1 s) for the teardown; the host's
    // own clients get the other half.
    const budgetMs = Math.floor(Math.min(1000, graceMs / 5) / 2);
    this.timer = setTimeout(() => this.cut(), budgetMs);
    this.timer.unref();
  }

  private cut(): void {
    const holders: ConnectionHolder[] = [this.queue, this.deadLetters];
    const worker = this.worker();
    if (worker) holders.push(worker);
    for (const holder of holders) {
      // Its close then meets the closed socket ("Stream isn't writeable"): expected now, not worth a stack trace.
      holder.on('error', () => undefined);
      for (const client of [holder.client, holder.blockingConnection?.client]) {
        void client?.then(
          (redis) => cutRedisClient(redis as CuttableRedisClient),
          () => undefined,
        );
      }
    }
  }

  private worker(): (ConnectionHolder & { close(): Promise<void> }) | undefined {
    const processor = this.find<object>(CinnoxEventProcessor);
    // A web-only replica's processor is an empty object: no worker.
    return processor instanceof CinnoxEventProcessor
      ? (processor.worker as unknown as ConnectionHolder & { close(): Promise<void> })
      : undefined;
  }

  private find<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get(token as string, { strict: false }) as T;
    } catch {
      return undefined;
    }
  }
}
