import type { CinnoxStatus } from '../status/cinnox-status.js';
import type { CinnoxCoverageHeartbeat } from '../stores/cinnox-coverage-record.interface.js';

/**
 * This replica's heartbeat at `at`, from what `status` knows: the enabled hooks whose subscription is in place
 * (without the subscription lifecycle nothing is known of them, so every one counts as in place) and, with
 * `heard`, when each was last heard of (a notification, or its subscription becoming active).
 */
export function replicaHeartbeat(status: CinnoxStatus, replica: string, at: Date, heard: boolean): CinnoxCoverageHeartbeat {
  const active = status.hooks.filter((hook) => status.subscriptionInPlace(hook) ?? true);
  if (!heard) return { replica, at, active };
  const heardAt: Record<string, Date> = {};
  for (const hook of status.hooks) {
    const last = Math.max(status.lastNotificationOf(hook)?.getTime() ?? -1, status.activeSince(hook)?.getTime() ?? -1);
    if (last >= 0) heardAt[hook] = new Date(last);
  }
  return { replica, at, active, heardAt };
}
