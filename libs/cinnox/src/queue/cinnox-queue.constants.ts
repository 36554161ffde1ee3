/** BullMQ queue the webhook enqueues call notifications on, in queue mode. */
export const CINNOX_CALL_EVENTS_QUEUE = 'cinnox-call-events';

/** Where a notification goes once its listeners failed on every attempt. */
export const CINNOX_DEAD_LETTER_QUEUE = 'cinnox-call-events-dead';

export const CINNOX_QUEUE_OPTIONS = Symbol('cinnox:queue-options');
