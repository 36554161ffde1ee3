import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { healthWithoutCinnoxModule } from '../cinnox.messages.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';
import { CinnoxStatus } from './cinnox-status.service.js';

/** @publicApi */
export interface CinnoxHealthOptions {
  /** Report `degraded` when no notification arrived for this long (ms). Unset: silence is fine. */
  maxSilenceMs?: number;
  /** The hook whose subscription is reported. @default 'call' */
  hook?: string;
}

/**
 * `@nestjs/terminus` indicator: `up` while subscribed (and not silent for longer than `maxSilenceMs`),
 * `degraded` (still HTTP 200) when the subscription is unknown or off, or notifications stopped.
 * It reads what this process saw; it never calls CINNOX.
 * @publicApi
 */
@Injectable()
export class CinnoxHealthIndicator implements OnModuleInit {
  private status!: CinnoxStatus;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  // Looked up across the app, so CinnoxHealthModule works beside a CinnoxModule that is not global.
  onModuleInit(): void {
    try {
      this.status = this.moduleRef.get(CinnoxStatus, { strict: false });
    } catch (error) {
      throw new CinnoxSetupError(healthWithoutCinnoxModule(), { cause: error });
    }
  }

  /**
   * @param key the key of the result in the health report.
   * @param options silence threshold and hook.
   */
  check<const Key extends string = 'cinnox'>(key: Key = 'cinnox' as Key, options: CinnoxHealthOptions = {}) {
    const session = this.health.check(key);
    const subscription = this.status.subscription(options.hook ?? 'call');
    const last = this.status.lastNotificationAt;
    const silenceMs = last === undefined ? undefined : Date.now() - last.getTime();
    const data = {
      subscription: subscription === undefined ? 'unknown' : subscription.enabled ? 'subscribed' : 'unsubscribed',
      subscriptionUpdatedAt: subscription?.updatedAt.toISOString() ?? null,
      lastNotificationAt: last?.toISOString() ?? null,
      secondsSinceLastNotification: silenceMs === undefined ? null : Math.round(silenceMs / 1000),
    };
    const silent = options.maxSilenceMs !== undefined && (silenceMs ?? Infinity) > options.maxSilenceMs;
    return subscription?.enabled && !silent ? session.up(data) : session.degraded(data);
  }
}
