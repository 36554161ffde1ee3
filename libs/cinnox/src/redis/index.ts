// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export { CinnoxRedisDedupeStore } from './cinnox-redis-dedupe.store.js';
export { CinnoxRedisCallStore } from './cinnox-redis-call.store.js';
export type { CinnoxRedisStoreOptions } from './cinnox-redis-store-options.interface.js';
