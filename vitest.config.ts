import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (path: string) => fileURLToPath(new URL(`./libs/cinnox/src/${path}`, import.meta.url));

const e2e = (adapter: 'express' | 'fastify') => ({
  extends: true as const,
  test: {
    name: `e2e-${adapter}`,
    include: ['test/*.e2e-spec.ts'],
    env: { E2E_ADAPTER: adapter },
    // Every file imports Nest, both adapters and the library: a worker that keeps its module cache between
    // files imports them once instead of once per file (most of the suite's time on a busy machine). Each
    // test builds its own app, so nothing else is shared.
    isolate: false,
  },
});

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
      { find: /^nestjs-cinnox\/cli$/, replacement: lib('cli/index.ts') },
      { find: /^nestjs-cinnox$/, replacement: lib('index.ts') },
    ],
  },
  test: {
    // Inline projects inherit these only through `extends: true` (vitest 4).
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      // The end-to-end suite runs once per HTTP adapter.
      { extends: true, test: { name: 'unit', include: ['libs/**/*.spec.ts', 'src/**/*.spec.ts', 'scripts/*.spec.ts'] } },
      e2e('express'),
      e2e('fastify'),
      // Separate processes of the built sample app: once, not per adapter, from `npm run test:slow` (which builds first).
      { extends: true, test: { name: 'replicas', include: ['test/replicas/*.e2e-spec.ts'], testTimeout: 300_000, hookTimeout: 120_000 } },
    ],
  },
});
