import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (path: string) => fileURLToPath(new URL(`./libs/cinnox/src/${path}`, import.meta.url));

export default defineConfig({
  // swc keeps decorator metadata, which Nest's dependency injection reads.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // Tests run the library from source, under the package name a user imports.
    alias: [
      { find: /^nestjs-cinnox\/testing$/, replacement: lib('testing/index.ts') },
      { find: /^nestjs-cinnox$/, replacement: lib('index.ts') },
    ],
  },
  test: {
    include: ['libs/**/*.spec.ts', 'src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
