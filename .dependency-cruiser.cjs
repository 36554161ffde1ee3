// The layers of libs/cinnox/src, checked by `npm run lint` (docs/ARCHITECTURE.md draws the same picture).
// Parsed with swc: TypeScript 7 ships no compiler API. Type-only imports count (tsPreCompilationDeps).
const SRC = '^libs/cinnox/src/';
const folder = (...names) => `${SRC}(${names.join('|')})/`;
// Core (dispatch, dedupe, status, the tracker, the delivery log, coverage) and the clients of CINNOX's API, which use core.
const CORE = ['core', 'dedupe', 'status', 'calls', 'delivery-log', 'coverage'];
const CLIENTS = ['api', 'subscription', 'reports'];
const MACHINERY = ['webhook', ...CORE, ...CLIENTS, 'shutdown', 'metrics', 'health', 'queue', 'redis', 'otel', 'cli'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-never-calls-clients',
      severity: 'error',
      comment: "Core (dispatch, dedupe, status, the tracker, the delivery log) never imports CINNOX's API clients; clients use core.",
      from: { path: folder(...CORE) },
      to: { path: folder(...CLIENTS) },
    },
    { name: 'no-circular', severity: 'error', comment: 'No file imports itself through others.', from: {}, to: { circular: true } },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'No folder imports itself through others.',
      scope: 'folder',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'domain-is-the-floor',
      severity: 'error',
      comment: 'domain/ (hook names, event names, the hook-definition interface) imports nothing else of the library.',
      from: { path: `${SRC}domain/` },
      to: { path: SRC, pathNot: `${SRC}domain/` },
    },
    {
      name: 'events-are-domain',
      severity: 'error',
      comment: "A hook's event classes and message interfaces import only the domain and other events and interfaces.",
      from: { path: `${SRC}hooks/[^/]+/[^/]+\\.(event|interface)\\.ts$` },
      to: { path: SRC, pathNot: [`${SRC}domain/`, `${SRC}hooks/[^/]+/[^/]+\\.(event|interface)\\.ts$`] },
    },
    {
      name: 'hook-folders-stand-alone',
      severity: 'error',
      comment: 'A hook folder imports no other hook folder (hooks/shared/ is for all).',
      from: { path: `${SRC}hooks/([^/]+)/` },
      to: { path: `${SRC}hooks/[^/]+/`, pathNot: [`${SRC}hooks/$1/`, `${SRC}hooks/shared/`] },
    },
    {
      name: 'hooks-know-no-machinery',
      severity: 'error',
      comment: 'Hooks (schemas, definitions, events, decorators) import the domain, never the wire, core or clients.',
      from: { path: `${SRC}hooks/` },
      to: { path: folder(...MACHINERY, 'testing') },
    },
    {
      name: 'machinery-knows-hooks-by-the-registry',
      severity: 'error',
      comment: "The wire, core and clients know hooks only through hooks/cinnox-hooks.registry.ts and the domain's interface.",
      from: { path: folder(...MACHINERY.filter((name) => name !== 'calls')) },
      to: { path: `${SRC}hooks/[^/]+/` },
    },
    {
      name: 'the-tracker-knows-the-call-hook-only',
      severity: 'error',
      comment: "calls/ follows the call hook's events (and recordings joined to calls); no other hook.",
      from: { path: `${SRC}calls/` },
      to: { path: `${SRC}hooks/[^/]+/`, pathNot: `${SRC}hooks/(call|recording)/[^/]+\\.(event|interface)\\.ts$` },
    },
    {
      name: 'wire-is-the-top',
      severity: 'error',
      comment: 'Core, hooks, domain and the CINNOX API clients never import the wire (webhook/).',
      from: { path: folder(...CORE, ...CLIENTS, 'domain', 'hooks', 'shutdown', 'metrics') },
      to: { path: `${SRC}webhook/` },
    },
    {
      name: 'state-is-read-not-owned-by-health',
      severity: 'error',
      comment: 'health/ is an optional entry: nothing else imports it.',
      from: { path: SRC, pathNot: `${SRC}health/` },
      to: { path: `${SRC}health/` },
    },
    {
      name: 'optional-entries-are-leaves',
      severity: 'error',
      comment: 'The main entry never reaches the queue, redis, postgres, otel or CLI entries (they load optional peers).',
      from: { path: SRC, pathNot: `${SRC}(queue|redis|postgres|otel|cli)/` },
      to: { path: `${SRC}(queue|redis|postgres|otel|cli)/` },
    },
    {
      name: 'runtime-never-imports-testing',
      severity: 'error',
      comment: 'testing/ and fixtures are for tests: runtime code may load them only dynamically (the CLI simulator).',
      from: { path: SRC, pathNot: [`${SRC}testing/`, '\\.fixtures\\.ts$'] },
      to: { path: [`${SRC}testing/`, '\\.fixtures\\.ts$'], dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'optional-peers-from-their-entries',
      severity: 'error',
      comment:
        'ioredis from redis/ (and queue/, which hands BullMQ its connection); bullmq from queue/; terminus from health/ and the queue health indicator; pg from postgres/; OpenTelemetry from otel/.',
      from: { path: SRC, pathNot: `${SRC}(redis|queue)/` },
      to: { path: 'node_modules/ioredis/' },
    },
    {
      name: 'bullmq-from-queue',
      severity: 'error',
      from: { path: SRC, pathNot: `${SRC}queue/` },
      to: { path: 'node_modules/(bullmq|@nestjs/bullmq)/' },
    },
    {
      name: 'terminus-from-health',
      severity: 'error',
      from: { path: SRC, pathNot: [`${SRC}health/`, `${SRC}queue/[^/]+\\.health\\.ts$`] },
      to: { path: 'node_modules/@nestjs/terminus/' },
    },
    {
      name: 'pg-from-postgres',
      severity: 'error',
      from: { path: SRC, pathNot: `${SRC}postgres/` },
      to: { path: 'node_modules/(pg|@electric-sql/pglite)/' },
    },
    {
      name: 'otel-from-otel',
      severity: 'error',
      from: { path: SRC, pathNot: `${SRC}otel/` },
      to: { path: 'node_modules/@opentelemetry/' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Specs may import anything they test; the rules are about what ships.
    exclude: { path: '\\.spec\\.ts$' },
  },
};
