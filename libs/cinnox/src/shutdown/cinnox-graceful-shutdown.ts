import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { shutdownGraceOver } from '../cinnox.messages.js';
import { CinnoxEventPublisher } from '../events/cinnox-event.publisher.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { HttpServerDrain } from './http-server-drain.js';

/**
 * Stops the app promptly, even with clients posting back to back on keep-alive sockets. The grace period
 * starts at the first shutdown hook (`onModuleDestroy`). In `beforeApplicationShutdown` the server stops
 * accepting, idle sockets close, every response from then on carries `Connection: close`, and the
 * requests under way and the listeners they dispatched are waited for. When the waiting time runs out
 * (`shutdownGraceMs` less a fifth, at most 1 s, kept for the teardown that follows), every connection is
 * dropped and `signal` aborts (work done at shutdown, an unsubscribe included, is bounded by it).
 */
@Injectable()
export class CinnoxGracefulShutdown implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('CinnoxShutdown');
  private readonly grace = new AbortController();
  private drain?: HttpServerDrain;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly publisher: CinnoxEventPublisher,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
  ) {}

  /** Aborts when the shutdown grace period is over. */
  get signal(): AbortSignal {
    return this.grace.signal;
  }

  onApplicationBootstrap(): void {
    // Absent in an application context without HTTP (a worker-only process): then only listeners are waited for.
    const server = this.adapterHost.httpAdapter?.getHttpServer?.() as Server | undefined;
    if (typeof server?.closeAllConnections === 'function') this.drain = new HttpServerDrain(server);
  }

  // Hosts finish their own work under way in onModuleDestroy (the sample's demo calls do), before the
  // server stops taking requests.
  onModuleDestroy(): void {
    this.startClock();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.startClock();
    this.drain?.start();
    const over = new Promise<void>((resolve) => this.grace.signal.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([this.settled(), over]);
    this.drain?.closeIdle();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.drain?.dispose();
  }

  private startClock(): void {
    if (this.timer) return;
    const { shutdownGraceMs } = this.options;
    // The waiting ends a little early (a fifth of the grace period, at most 1 s) so that closing the
    // server, the queues and the host's clients afterwards still fits inside shutdownGraceMs.
    const waitMs = shutdownGraceMs - Math.min(1000, Math.floor(shutdownGraceMs / 5));
    this.timer = setTimeout(() => {
      const requests = this.drain?.active ?? 0;
      const listeners = this.publisher.pending;
      if (requests + listeners > 0) this.logger.warn(shutdownGraceOver(waitMs, requests, listeners));
      this.grace.abort(new Error(shutdownGraceOver(waitMs, requests, listeners)));
      this.drain?.closeAll();
    }, waitMs);
    this.timer.unref();
  }

  private async settled(): Promise<void> {
    await this.drain?.idle();
    await this.publisher.settled();
  }
}
