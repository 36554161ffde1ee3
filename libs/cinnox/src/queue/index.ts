// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export { CinnoxQueueModule } from './cinnox-queue.module.js';
export type { CinnoxDeadLetterOptions, CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
export {
  CINNOX_CALL_EVENTS_QUEUE,
  CINNOX_DEAD_LETTER_QUEUE,
  CINNOX_EVENTS_QUEUE,
  CINNOX_LEGACY_DEAD_LETTER_QUEUE,
  CINNOX_LEGACY_EVENTS_QUEUE,
} from './cinnox-queue.constants.js';
export { CinnoxQueueHealthIndicator, type CinnoxQueueHealth } from './cinnox-queue.health.js';
export type { CinnoxQueueModuleAsyncOptions, CinnoxQueueModuleExtras } from './cinnox-queue.module-definition.js';
