export { CinnoxRedisCallStore } from './cinnox-redis-call.store.js';
