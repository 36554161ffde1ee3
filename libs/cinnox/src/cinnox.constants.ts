export { CINNOX_CALL_HOOK, CINNOX_DEFAULT_HOOK_PATHS, CINNOX_HOOKS } from './domain/cinnox-hook-name.js';
import { CINNOX_DEFAULT_HOOK_PATHS } from './domain/cinnox-hook-name.js';

/** Per-request timeout of the subscription client, in milliseconds. */
export const CINNOX_DEFAULT_TIMEOUT_MS = 10_000;

/** Largest answer read from CINNOX's API unless `maxResponseBytes` says otherwise: a page of reports fits. */
export const CINNOX_DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** How long a graceful stop may take unless `shutdownGraceMs` says otherwise, in milliseconds. */
export const CINNOX_DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

/** Injection token of the options after defaults are merged and validated. */
export const CINNOX_RESOLVED_OPTIONS = Symbol('cinnox:resolved-options');

/** Injection token of the tracer the module uses: the host's `CinnoxTracer`, or one that records nothing. */
export const CINNOX_TRACER = Symbol('cinnox:tracer');

/**
 * @deprecated the call hook's default route only: use `CINNOX_DEFAULT_HOOK_PATHS.call` (the same path), or
 * `CINNOX_DEFAULT_HOOK_PATHS` for every hook.
 * @publicApi
 */
export const CINNOX_DEFAULT_WEBHOOK_PATH = CINNOX_DEFAULT_HOOK_PATHS.call;

/** Injection token of the webhook routes, one per enabled hook (module extras, known when the module is defined). */
export const CINNOX_WEBHOOK_ROUTES = Symbol('cinnox:webhook-routes');

/** Largest webhook body accepted, in bytes; CINNOX's notifications are a few hundred. */
export const CINNOX_WEBHOOK_BODY_LIMIT = 64 * 1024;

/** How long a webhook client may take to send its body, in milliseconds. */
export const CINNOX_WEBHOOK_BODY_TIMEOUT_MS = 10_000;

/**
 * Most JSON values (objects, arrays and leaves) a webhook body may hold: a call notification has about
 * 15, so this bounds the validation work any body under the size limit can cause.
 */
export const CINNOX_WEBHOOK_MAX_VALUES = 256;
/** Injection token of the clock the call tracker reads (ms since the epoch); tests provide their own. */
export const CINNOX_CLOCK = Symbol('cinnox:clock');
