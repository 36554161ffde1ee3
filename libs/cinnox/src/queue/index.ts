export { CinnoxQueueModule } from './cinnox-queue.module.js';
export type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
export { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE } from './cinnox-queue.constants.js';
export { CinnoxQueueHealthIndicator, type CinnoxQueueHealth } from './cinnox-queue.health.js';
