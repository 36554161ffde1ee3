import type { CinnoxStatus } from '../status/cinnox-status.js';
import type { CinnoxCoverageHealth } from './to-coverage-health.js';
import type { CinnoxSubscriptionState } from '../domain/cinnox-subscription-state.js';

/**
 * What the health indicator reports of one hook, beside terminus's `status`. A type, not an interface:
 * terminus takes plain records of data.
 * @publicApi
 */
export type CinnoxHookHealth = {
  /** The hook this entry is about. */
  hook: string;
  /** True when the hook is subscribed but impaired; on terminus 11 (no `degraded` status) the only sign of it. */
  degraded: boolean;
  subscription: 'subscribed' | 'unsubscribed' | 'unknown';
  subscriptionUpdatedAt: string | null;
  /** When the subscription became active, as this process saw it; silence counts from then at the earliest. */
  activeSince: string | null;
  lastNotificationAt: string | null;
  secondsSinceLastNotification: number | null;
  /** Set from the moment the app began to shut down (the entry is `down`). */
  shuttingDownSince?: string;
  state?: CinnoxSubscriptionState;
  stateSince?: string;
  lastError?: string | null;
  refreshIntervalMs?: number | null;
  maxSilenceMs?: number | null;
  /** With the `coverage` option: the gap open now and the last closed ones. */
  coverage?: CinnoxCoverageHealth;
};

/** How one hook is judged: terminus's status, before a major without `degraded` maps it. */
export type CinnoxHookVerdict = 'up' | 'degraded' | 'down';

/** Judges one hook from what `status` knows at `now`. */
export function toHookHealth(
  status: CinnoxStatus,
  hook: string,
  maxSilenceMs: number | undefined,
  now: number,
): { verdict: CinnoxHookVerdict; data: CinnoxHookHealth } {
  const subscription = status.subscription(hook);
  const lifecycle = status.lifecycle(hook);
  const settings = status.lifecycleSettings;
  const last = status.lastNotificationOf(hook);
  const activeSince = status.activeSince(hook);
  const stopping = status.shuttingDownSince;
  // A subscription that just became active has not been silent yet, whatever came before it.
  const heardAt = Math.max(last?.getTime() ?? 0, activeSince?.getTime() ?? 0);
  const silent = maxSilenceMs !== undefined && now - heardAt > maxSilenceMs;
  const subscribed = lifecycle ? lifecycle.state === 'active' : subscription?.enabled === true;
  const verdict: CinnoxHookVerdict = stopping ? 'down' : subscribed && !silent ? 'up' : 'degraded';
  const data: CinnoxHookHealth = {
    hook,
    degraded: verdict === 'degraded',
    subscription: subscription === undefined ? 'unknown' : subscription.enabled ? 'subscribed' : 'unsubscribed',
    subscriptionUpdatedAt: subscription?.updatedAt.toISOString() ?? null,
    activeSince: activeSince?.toISOString() ?? null,
    lastNotificationAt: last?.toISOString() ?? null,
    secondsSinceLastNotification: last === undefined ? null : Math.round((now - last.getTime()) / 1000),
    ...(stopping && { shuttingDownSince: stopping.toISOString() }),
    ...(lifecycle && {
      state: lifecycle.state,
      stateSince: lifecycle.since.toISOString(),
      lastError: lifecycle.lastError ?? null,
      refreshIntervalMs: settings?.refreshIntervalMs ?? null,
      maxSilenceMs: settings?.maxSilenceMs ?? null,
    }),
  };
  return { verdict, data };
}
