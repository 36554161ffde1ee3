import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { shutdownDelayStarted, shutdownGraceOver, terminusShutdownDelayConflict } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { HttpServerDrain } from './http-server-drain.js';

// @nestjs/terminus's options token (the same string in 11 and 12), read without importing the optional peer.
const TERMINUS_MODULE_OPTIONS = 'TERMINUS:MODULE_OPTIONS';
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Stops the app promptly, even with clients posting back to back on keep-alive sockets. At the first
 * shutdown hook (`onModuleDestroy`) the status says the app is shutting down (the health indicator turns
 * `down`) and, for `shutdownDelayMs`, everything keeps serving; then the grace period starts. In
 * `beforeApplicationShutdown` the server stops accepting, idle sockets close, every response from then on
 * carries `Connection: close`, and the requests under way and the listeners they dispatched are waited for. When the waiting time runs out
 * (`shutdownGraceMs` less a fifth, at most 1 s, kept for the teardown that follows), every connection is
 * dropped and `signal` aborts (work done at shutdown, an unsubscribe included, is bounded by it).
 */
@Injectable()
export class CinnoxGracefulShutdown
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('CinnoxShutdown');
  private readonly grace = new AbortController();
  private drain?: HttpServerDrain;
  private timer?: NodeJS.Timeout;
  private delayed?: Promise<void>;
  private endsAt?: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly dispatch: CinnoxListenerDispatch,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly status: CinnoxStatus,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Aborts when the shutdown grace period is over. */
  get signal(): AbortSignal {
    return this.grace.signal;
  }

  /**
   * When the whole shutdown grace period ends (ms since the epoch), teardown included; undefined before the
   * shutdown starts. Work done in `onApplicationShutdown` (the delivery log's last flush) ends by then.
   */
  get deadline(): number | undefined {
    return this.endsAt;
  }

  // One owner for the shutdown delay: terminus's sleeps in beforeApplicationShutdown, after the drain
  // below has stopped the server, so it would only hold the exit while nothing is served.
  onModuleInit(): void {
    let terminus: unknown[];
    try {
      terminus = this.moduleRef.get(TERMINUS_MODULE_OPTIONS, { strict: false, each: true });
    } catch {
      return; // no TerminusModule in the app
    }
    for (const options of terminus) {
      const terminusMs = (options as { gracefulShutdownTimeoutMs?: unknown } | undefined)?.gracefulShutdownTimeoutMs;
      if (typeof terminusMs === 'number' && terminusMs > 0) {
        throw new CinnoxOptionsError('shutdownDelayMs', terminusShutdownDelayConflict(terminusMs, this.options.shutdownDelayMs));
      }
    }
  }

  onApplicationBootstrap(): void {
    // Absent in an application context without HTTP (a worker-only process): then only listeners are waited for.
    const server = this.adapterHost.httpAdapter?.getHttpServer?.() as Server | undefined;
    if (typeof server?.closeAllConnections === 'function') this.drain = new HttpServerDrain(server);
  }

  // Hosts finish their own work under way in onModuleDestroy (the sample's demo calls do), before the
  // server stops taking requests. The delay is awaited here, the earliest hook, so nothing that closes in
  // beforeApplicationShutdown or onApplicationShutdown (the server, the queue's worker, Redis clients) closes during it.
  async onModuleDestroy(): Promise<void> {
    await this.delay();
    this.startClock();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.delay();
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

  private delay(): Promise<void> {
    return (this.delayed ??= (async () => {
      this.status.recordShutdown(new Date());
      const { shutdownDelayMs } = this.options;
      if (shutdownDelayMs === 0) return;
      this.logger.log(shutdownDelayStarted(shutdownDelayMs));
      await sleep(Math.min(shutdownDelayMs, MAX_TIMER_MS));
    })());
  }

  private startClock(): void {
    if (this.timer) return;
    const { shutdownGraceMs } = this.options;
    this.endsAt = Date.now() + shutdownGraceMs;
    // The waiting ends a little early (a fifth of the grace period, at most 1 s) so that closing the
    // server, the queues and the host's clients afterwards still fits inside shutdownGraceMs.
    const waitMs = shutdownGraceMs - Math.min(1000, Math.floor(shutdownGraceMs / 5));
    this.timer = setTimeout(() => {
      const requests = this.drain?.active ?? 0;
      const listeners = this.dispatch.pending;
      if (requests + listeners > 0) this.logger.warn(shutdownGraceOver(waitMs, requests, listeners));
      this.grace.abort(new Error(shutdownGraceOver(waitMs, requests, listeners)));
      this.drain?.closeAll();
    }, waitMs);
    this.timer.unref();
  }

  private async settled(): Promise<void> {
    await this.drain?.idle();
    await this.dispatch.settled();
  }
}
