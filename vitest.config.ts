import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

const lib = (path: string) => fileURLToPath(new URL(`./libs/cinnox/src/${path}`, import.meta.url));

// `*.once.e2e-spec.ts`: end-to-end files whose subject the HTTP adapter only carries (the subscription
// client and lifecycle against the simulator, queue and Redis stores, listener failures, health, the
// tracker): they run once, in `e2e`. The rest (the webhook's edge, gate, body reading, content types, the
// answers to bad bodies, routes, shutdown and drain, server settings, the sample on each adapter) run once
// per adapter, in `e2e-express` and `e2e-fastify`.
const ONCE = 'test/*.once.e2e-spec.ts';

const e2e = (name: string, adapter: 'express' | 'fastify', files: { include: string[]; exclude?: string[] }) => ({
  extends: true as const,
  test: {
    name,
    ...files,
    env: { E2E_ADAPTER: adapter },
    // Every file imports Nest, both adapters and the library: a worker that keeps its module cache between
    // files imports them once instead of once per file (most of the suite's time on a busy machine). Each
    // test builds its own app, so nothing else is shared.
    isolate: false,
  },
});
const perAdapter = { include: ['test/*.e2e-spec.ts'], exclude: [...configDefaults.exclude, ONCE] };

export default defineConfig({
  // swc keeps decorator metadata, which Nest's dependency injection reads.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // Tests run the library from source, under the package name a user imports.
    alias: [
      { find: /^nestjs-cinnox\/testing$/, replacement: lib('testing/index.ts') },
      { find: /^nestjs-cinnox\/health$/, replacement: lib('health/index.ts') },
      { find: /^nestjs-cinnox\/queue$/, replacement: lib('queue/index.ts') },
      { find: /^nestjs-cinnox\/redis$/, replacement: lib('redis/index.ts') },
      { find: /^nestjs-cinnox\/postgres$/, replacement: lib('postgres/index.ts') },
      { find: /^nestjs-cinnox\/otel$/, replacement: lib('otel/index.ts') },
      { find: /^nestjs-cinnox\/cli$/, replacement: lib('cli/index.ts') },
      { find: /^nestjs-cinnox$/, replacement: lib('index.ts') },
    ],
  },
  test: {
    // Inline projects inherit these only through `extends: true` (vitest 4).
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['libs/**/*.spec.ts', 'src/**/*.spec.ts', 'scripts/*.spec.ts'] } },
      e2e('e2e', 'express', { include: [ONCE] }),
      e2e('e2e-express', 'express', perAdapter),
      e2e('e2e-fastify', 'fastify', perAdapter),
      // Separate processes of the built sample app: once, not per adapter, from `npm run test:slow` (which builds first).
      { extends: true, test: { name: 'replicas', include: ['test/replicas/*.e2e-spec.ts'], testTimeout: 300_000, hookTimeout: 120_000 } },
    ],
  },
});
