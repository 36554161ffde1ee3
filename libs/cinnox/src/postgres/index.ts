// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export type { CinnoxPostgresQueryable } from './cinnox-postgres-queryable.interface.js';
export { CinnoxPostgresDeliveryLogStore } from './cinnox-postgres-delivery-log.store.js';
export { CinnoxPostgresCallStore } from './cinnox-postgres-call.store.js';
export { CinnoxPostgresCoverageStore } from './cinnox-postgres-coverage.store.js';
