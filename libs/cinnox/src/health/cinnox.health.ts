import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult, type HealthIndicatorStatus } from '@nestjs/terminus';
import { healthWithoutCinnoxModule } from '../cinnox.messages.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxCoverage } from '../coverage/cinnox-coverage.service.js';
import { CinnoxDeliveryLog } from '../delivery-log/cinnox-delivery-log.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { toCoverageHealth } from './to-coverage-health.js';
import { toDeliveryLogHealth, type CinnoxDeliveryLogHealth } from './to-delivery-log-health.js';
import { toHookHealth, type CinnoxHookHealth, type CinnoxHookVerdict } from './to-hook-health.js';

/** @publicApi */
export interface CinnoxHealthOptions {
  /**
   * Report a hook as degraded when no notification was accepted for this long (ms), counted from the
   * later of its last notification and the moment its subscription became active (a freshly subscribed
   * app is not silent). Applies to every hook reported. Unset: silence is fine (the subscription
   * lifecycle's own `maxSilenceMs` re-confirms the subscription; it is reported, not judged).
   */
  maxSilenceMs?: number;
  /**
   * Report this hook alone, under `key` itself. Unset: every enabled hook (the module's `hooks`), one
   * entry each under `<key>.<hook>`, e.g. `cinnox.call`, `cinnox.recording`.
   */
  hook?: CinnoxHookName | (string & {});
}

/**
 * What `check()` returns: terminus's result shape, typed against the installed `@nestjs/terminus`
 * (11 or 12), so `HealthCheckService.check()` takes it on either.
 * @publicApi
 */
export type CinnoxHealthResult<Key extends string> = HealthIndicatorResult<Key, HealthIndicatorStatus, CinnoxHookHealth>;

// terminus 12's session has degraded(); 11's has only up() and down() (and its HealthCheckService drops
// any other status from the report), so on 11 a degraded hook is `up` with `degraded: true`.
type TerminusSession = ReturnType<HealthIndicatorService['check']>;
// Data of one entry; neither kind has a `status` field, which terminus sets.
type EntryData = Record<string, unknown> & { status?: never };
const mark = (session: TerminusSession, verdict: CinnoxHookVerdict, data: EntryData): HealthIndicatorResult => {
  const terminus12 = session as TerminusSession & { degraded?: (data: EntryData) => HealthIndicatorResult };
  if (verdict === 'degraded' && typeof terminus12.degraded === 'function') return terminus12.degraded(data);
  return verdict === 'down' ? session.down(data) : session.up(data);
};

/**
 * `@nestjs/terminus` indicator, one entry per enabled hook: `up` while subscribed (and not silent for
 * longer than `maxSilenceMs`); degraded (still HTTP 200) when the subscription is unknown, off, or (with
 * the subscription lifecycle) not `active`, or notifications stopped: status `degraded` on terminus 12,
 * `up` with `degraded: true` on terminus 11, which has no such status (every entry carries `degraded`);
 * `down` (HTTP 503) from the moment the app begins to shut down, through `shutdownDelayMs` and the drain,
 * so a load balancer stops sending. It reads what this process saw; it never calls CINNOX.
 * @publicApi
 */
@Injectable()
export class CinnoxHealthIndicator implements OnModuleInit {
  private status!: CinnoxStatus;
  private coverage!: CinnoxCoverage;
  private deliveryLog!: CinnoxDeliveryLog;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  // Looked up across the app, so CinnoxHealthModule works beside a CinnoxModule that is not global.
  onModuleInit(): void {
    try {
      this.status = this.moduleRef.get(CinnoxStatus, { strict: false });
      this.coverage = this.moduleRef.get(CinnoxCoverage, { strict: false });
      this.deliveryLog = this.moduleRef.get(CinnoxDeliveryLog, { strict: false });
    } catch (error) {
      throw new CinnoxSetupError(healthWithoutCinnoxModule(), { cause: error });
    }
  }

  /**
   * @param key the key of the result in the health report (with `hook`), or the prefix of each hook's key.
   * @param options silence threshold and hook.
   */
  check<const Key extends string = 'cinnox'>(
    key?: Key,
    options?: CinnoxHealthOptions & { hook?: undefined },
  ): CinnoxHealthResult<`${Key}.${string}`>;
  check<const Key extends string>(
    key: Key,
    options: CinnoxHealthOptions & { hook: CinnoxHookName | (string & {}) },
  ): CinnoxHealthResult<Key>;
  check(key = 'cinnox', options: CinnoxHealthOptions = {}): CinnoxHealthResult<string> {
    const now = Date.now();
    const entries = options.hook === undefined ? this.status.hooks.map((hook) => [`${key}.${hook}`, hook]) : [[key, options.hook]];
    const result: CinnoxHealthResult<string> = {};
    for (const [entry, hook] of entries) {
      const { verdict, data } = toHookHealth(this.status, hook, options.maxSilenceMs, now);
      if (this.coverage.enabled) data.coverage = toCoverageHealth(this.coverage, hook);
      Object.assign(result, mark(this.health.check(entry), verdict, data));
    }
    return result;
  }

  /**
   * The delivery log's state under `key`: `enabled`, `failing`, `buffered` and `dropped`; degraded (still
   * HTTP 200) while its store refuses writes, never down (the webhooks go on answering; entries wait in the
   * buffer), up otherwise, also when the log is off.
   * @param key the key of the result in the health report.
   */
  checkDeliveryLog<const Key extends string = 'cinnox.delivery-log'>(
    key: Key = 'cinnox.delivery-log' as Key,
  ): HealthIndicatorResult<Key, HealthIndicatorStatus, CinnoxDeliveryLogHealth> {
    const { verdict, data } = toDeliveryLogHealth(this.deliveryLog);
    return mark(this.health.check(key), verdict, data) as HealthIndicatorResult<Key, HealthIndicatorStatus, CinnoxDeliveryLogHealth>;
  }
}
