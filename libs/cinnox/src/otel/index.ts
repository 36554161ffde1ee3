// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export { CinnoxOtelModule, type CinnoxOtelOptions } from './cinnox-otel.module.js';
export { CinnoxOtelTracer } from './cinnox-otel.tracer.js';
