import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxResolvedSubscriptionOptions } from '../cinnox-subscription-options.interface.js';

/** The last segment of a hook's `PATCH .../apps/{appID}/<path>`: `subscription.paths` when it names the hook, else `{hook}-event-sub`. */
export function subscriptionPath(
  hook: CinnoxHookName | (string & {}),
  subscription: CinnoxResolvedSubscriptionOptions | undefined,
): string {
  return subscription?.paths[hook as CinnoxHookName] ?? `${hook}-event-sub`;
}
