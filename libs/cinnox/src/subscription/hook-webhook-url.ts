import type { AddressInfo } from 'node:net';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import { invalidOption } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxResolvedSubscriptionOptions, CinnoxUrlSource } from '../cinnox-subscription-options.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';

/**
 * The URL the lifecycle subscribes for `hook`: `url` for the call hook when given, as is; else `publicUrl`
 * (the app's public origin, with any path a proxy adds in front of the app) plus `servedPath`, the path the
 * app serves the hook's route at, global prefix included (see servedWebhookPath). Nothing else is added, so
 * the URL is exactly the route. Functions are called with the listening address; the client validates the result.
 */
export function hookWebhookUrl(
  hook: CinnoxHookName | (string & {}),
  servedPath: string,
  options: Pick<CinnoxResolvedSubscriptionOptions, 'url' | 'publicUrl'>,
  address: AddressInfo,
): string {
  if (hook === CINNOX_CALL_HOOK && options.url !== undefined) return read(options.url, address);
  if (options.publicUrl === undefined) {
    throw new CinnoxOptionsError('subscription.publicUrl', invalidOption('subscription.publicUrl', `is needed for the "${hook}" hook`));
  }
  const base = read(options.publicUrl, address).replace(/\/+$/, '');
  return `${base}/${servedPath.replace(/^\/+/, '')}`;
}

function read(source: CinnoxUrlSource, address: AddressInfo): string {
  return typeof source === 'function' ? source(address) : source;
}
