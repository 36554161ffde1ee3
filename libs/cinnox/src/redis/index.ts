export { CinnoxRedisDedupeStore } from './cinnox-redis-dedupe.store.js';
