import { invalidOption, webhookPathConflict } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import type { CinnoxModuleExtras } from '../cinnox-options.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxWebhookRoute } from '../domain/cinnox-webhook-route.interface.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';

/**
 * The routes the module's extras ask for, checked when the module is defined (routes cannot wait for an
 * async factory): known hook names, each once, each on a URL path of its own.
 */
export function toWebhookRoutes({ hooks = [CINNOX_CALL_HOOK], webhookPath, hookPaths = {} }: CinnoxModuleExtras): CinnoxWebhookRoute[] {
  if (!Array.isArray(hooks) || hooks.length === 0) fail('hooks', 'must be a non-empty array of hook names', hooks);
  // webhookPath is the deprecated name of hookPaths.call: both may be given only when they agree.
  if (typeof webhookPath === 'string' && typeof hookPaths.call === 'string' && trimSlashes(webhookPath) !== trimSlashes(hookPaths.call)) {
    throw new CinnoxOptionsError('webhookPath', webhookPathConflict(webhookPath, hookPaths.call));
  }
  const routes = hooks.map((name): CinnoxWebhookRoute => {
    const hook = Object.hasOwn(CINNOX_HOOK_DEFINITIONS, name) ? CINNOX_HOOK_DEFINITIONS[name as CinnoxHookName] : undefined;
    if (!hook) fail('hooks', `lists "${String(name)}", which is not one of ${Object.keys(CINNOX_HOOK_DEFINITIONS).join(', ')}`);
    const option = name === CINNOX_CALL_HOOK && webhookPath !== undefined ? 'webhookPath' : `hookPaths.${name}`;
    const path = (name === CINNOX_CALL_HOOK ? (webhookPath ?? hookPaths.call) : hookPaths[name as CinnoxHookName]) ?? hook.defaultRoute;
    if (typeof path !== 'string' || path.trim() === '' || /[?#\s]/.test(path)) {
      fail(option, 'must be a URL path such as "cinnox/webhooks/call-events"', path);
    }
    return { hook, path: trimSlashes(path) };
  });
  const names = new Set(routes.map((route) => route.hook.name));
  if (names.size !== routes.length) fail('hooks', 'lists a hook more than once', hooks);
  const paths = new Set(routes.map((route) => route.path.toLowerCase()));
  if (paths.size !== routes.length) fail('hookPaths', 'gives two hooks the same path (letter case aside)');
  return routes;
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

function fail(option: string, expected: string, got?: unknown): never {
  throw new CinnoxOptionsError(option, invalidOption(option, expected, got));
}
