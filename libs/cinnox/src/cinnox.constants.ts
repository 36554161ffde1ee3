/** Route the webhook controller is mounted on unless `webhookPath` says otherwise. */
export const CINNOX_DEFAULT_WEBHOOK_PATH = 'cinnox/webhooks/call-events';

/** Per-request timeout of the subscription client, in milliseconds. */
export const CINNOX_DEFAULT_TIMEOUT_MS = 10_000;

/** Injection token of the options after defaults are merged and validated. */
export const CINNOX_RESOLVED_OPTIONS = Symbol('cinnox:resolved-options');

/** The hook CINNOX calls the call-event subscription; siblings are `recording`, `conference`, ... */
export const CINNOX_CALL_HOOK = 'call';

/** Injection token of the webhook route path (a module extra, known when the module is defined). */
export const CINNOX_WEBHOOK_PATH = Symbol('cinnox:webhook-path');

/** Largest webhook body accepted, in bytes; CINNOX's notifications are a few hundred. */
export const CINNOX_WEBHOOK_BODY_LIMIT = 64 * 1024;

/** Injection token of the clock the call tracker reads (ms since the epoch); tests provide their own. */
export const CINNOX_CLOCK = Symbol('cinnox:clock');
