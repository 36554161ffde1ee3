import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { healthWithoutCinnoxModule } from '../cinnox.messages.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CINNOX_CALL_HOOK } from '../cinnox.constants.js';

/** @publicApi */
export interface CinnoxHealthOptions {
  /**
   * Report `degraded` when no notification arrived for this long (ms). Unset: silence is fine (the
   * subscription lifecycle's own `maxSilenceMs` re-confirms the subscription; it is reported, not judged).
   */
  maxSilenceMs?: number;
  /** The hook whose subscription is reported. @default 'call' */
  hook?: string;
}

/**
 * `@nestjs/terminus` indicator: `up` while subscribed (and not silent for longer than `maxSilenceMs`),
 * `degraded` (still HTTP 200) when the subscription is unknown, off, or (with the subscription lifecycle)
 * not `active`, or notifications stopped. It reads what this process saw; it never calls CINNOX.
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
    const hook = options.hook ?? CINNOX_CALL_HOOK;
    const subscription = this.status.subscription(hook);
    const lifecycle = this.status.lifecycle(hook);
    const settings = this.status.lifecycleSettings;
    const last = this.status.lastNotificationOf(hook);
    const silenceMs = last === undefined ? undefined : Date.now() - last.getTime();
    const data = {
      subscription: subscription === undefined ? 'unknown' : subscription.enabled ? 'subscribed' : 'unsubscribed',
      subscriptionUpdatedAt: subscription?.updatedAt.toISOString() ?? null,
      lastNotificationAt: last?.toISOString() ?? null,
      secondsSinceLastNotification: silenceMs === undefined ? null : Math.round(silenceMs / 1000),
      ...(lifecycle && {
        state: lifecycle.state,
        stateSince: lifecycle.since.toISOString(),
        lastError: lifecycle.lastError ?? null,
        refreshIntervalMs: settings?.refreshIntervalMs ?? null,
        maxSilenceMs: settings?.maxSilenceMs ?? null,
      }),
    };
    const silent = options.maxSilenceMs !== undefined && (silenceMs ?? Infinity) > options.maxSilenceMs;
    const subscribed = lifecycle ? lifecycle.state === 'active' : subscription?.enabled;
    return subscribed && !silent ? session.up(data) : session.degraded(data);
  }
}
