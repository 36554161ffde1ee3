export { CINNOX_CALL_HOOK, CINNOX_HOOKS } from './domain/cinnox-hook-name.js';

/** Route the webhook controller is mounted on unless `webhookPath` says otherwise. */
export const CINNOX_DEFAULT_WEBHOOK_PATH = 'cinnox/webhooks/call-events';

/** Per-request timeout of the subscription client, in milliseconds. */
export const CINNOX_DEFAULT_TIMEOUT_MS = 10_000;

/** How long a graceful stop may take unless `shutdownGraceMs` says otherwise, in milliseconds. */
export const CINNOX_DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

/** Injection token of the options after defaults are merged and validated. */
export const CINNOX_RESOLVED_OPTIONS = Symbol('cinnox:resolved-options');

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
