/** BullMQ queue the webhook routes enqueue every hook's notifications on, in queue mode. @publicApi */
export const CINNOX_EVENTS_QUEUE = 'cinnox-events';

/** Where a notification goes once its listeners failed on every attempt. @publicApi */
export const CINNOX_DEAD_LETTER_QUEUE = 'cinnox-events-dead';

/**
 * The events queue's name up to 0.1.x: a queue-mode worker also drains it, so jobs an earlier version stored
 * (or an older replica still stores, during a rolling upgrade) are emitted after an upgrade.
 * @publicApi
 */
export const CINNOX_LEGACY_EVENTS_QUEUE = 'cinnox-call-events';

/**
 * The dead-letter queue's name up to 0.1.x: dead letters stored there stay for inspection (nothing reads,
 * moves or trims them); new ones go to `CINNOX_DEAD_LETTER_QUEUE`.
 * @publicApi
 */
export const CINNOX_LEGACY_DEAD_LETTER_QUEUE = 'cinnox-call-events-dead';

/**
 * @deprecated the queue carries every hook's notifications: use `CINNOX_EVENTS_QUEUE` (the same queue).
 * @publicApi
 */
export const CINNOX_CALL_EVENTS_QUEUE = CINNOX_EVENTS_QUEUE;

export const CINNOX_QUEUE_OPTIONS = Symbol('cinnox:queue-options');
