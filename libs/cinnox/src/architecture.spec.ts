import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The rules `npm run lint` checks (.dependency-cruiser.cjs), held against the real tree and against small trees
// that break one rule each, so no rule is one that cannot fail.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as {
  forbidden: IForbiddenRuleType[];
  options: { parser: 'swc'; exclude: { path: string } };
};

const violations = async (baseDir: string, extra: object = {}): Promise<string[]> => {
  const { output } = await cruise(
    ['libs/cinnox/src'],
    {
      baseDir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      parser: config.options.parser,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      exclude: config.options.exclude,
      ...extra,
    },
    { extensions: ['.ts', '.js'] },
  );
  const { summary } = output as ICruiseResult;
  return summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} -> ${to}`);
};

describe('the layers of libs/cinnox/src', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cinnox-layers-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A tree of `files` (path -> imports) under a fresh folder, with stub packages for the optional peers. */
  function tree(name: string, files: Record<string, string[]>): string {
    const base = join(scratch, name);
    for (const pkg of ['ioredis', 'bullmq', '@nestjs/terminus', 'pg', '@opentelemetry/api']) {
      mkdirSync(join(base, 'node_modules', pkg), { recursive: true });
      writeFileSync(join(base, 'node_modules', pkg, 'package.json'), JSON.stringify({ name: pkg, main: 'index.js' }));
      writeFileSync(join(base, 'node_modules', pkg, 'index.js'), 'module.exports = {};\n');
    }
    for (const [path, imports] of Object.entries(files)) {
      const file = join(base, 'libs/cinnox/src', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${imports.map((spec, i) => `import * as m${i} from '${spec}';`).join('\n')}\nexport const x = 1;\n`);
    }
    return base;
  }

  it('holds on the real tree', async () => {
    expect(await violations(root, { tsConfig: { fileName: join(root, 'tsconfig.json') } })).toEqual([]);
  }, 30_000);

  // The rule's `to` must match where the real import resolves, or it could never fire: otel/ reaches the real
  // @opentelemetry/api, and nothing else of the library does.
  it('finds OpenTelemetry reached from otel/ only', async () => {
    const { output } = await cruise(
      ['libs/cinnox/src'],
      {
        baseDir: root,
        parser: config.options.parser,
        tsPreCompilationDeps: true,
        doNotFollow: { path: 'node_modules' },
        exclude: config.options.exclude,
        tsConfig: { fileName: join(root, 'tsconfig.json') },
      },
      { extensions: ['.ts', '.js'] },
    );
    const importers = (output as ICruiseResult).modules
      .filter(({ dependencies }) => dependencies.some(({ resolved }) => resolved.startsWith('node_modules/@opentelemetry/')))
      .map(({ source }) => source);
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((source) => !source.startsWith('libs/cinnox/src/otel/'))).toEqual([]);
  }, 30_000);

  it.each<[string, Record<string, string[]>]>([
    ['no-circular', { 'core/a.ts': ['./b'], 'core/b.ts': ['./a'] }],
    ['no-folder-cycles', { 'core/a.ts': ['../status/b'], 'status/b.ts': ['../core/c'], 'core/c.ts': [] }],
    ['domain-is-the-floor', { 'domain/a.ts': ['../core/b'], 'core/b.ts': [] }],
    ['events-are-domain', { 'hooks/call/call-start.event.ts': ['./call.dto'], 'hooks/call/call.dto.ts': [] }],
    ['hook-folders-stand-alone', { 'hooks/call/call.hook.ts': ['../inquiry/inquiry.event'], 'hooks/inquiry/inquiry.event.ts': [] }],
    ['hooks-know-no-machinery', { 'hooks/call/call.hook.ts': ['../../core/publisher'], 'core/publisher.ts': [] }],
    [
      'machinery-knows-hooks-by-the-registry',
      { 'core/publisher.ts': ['../hooks/call/call-start.event'], 'hooks/call/call-start.event.ts': [] },
    ],
    [
      'the-tracker-knows-the-call-hook-only',
      { 'calls/tracker.ts': ['../hooks/inquiry/inquiry.event'], 'hooks/inquiry/inquiry.event.ts': [] },
    ],
    ['wire-is-the-top', { 'subscription/client.ts': ['../webhook/route'], 'webhook/route.ts': [] }],
    ['wire-is-the-top', { 'reports/client.ts': ['../webhook/route'], 'webhook/route.ts': [] }],
    ['core-never-calls-clients', { 'calls/settler.ts': ['../reports/client'], 'reports/client.ts': [] }],
    ['machinery-knows-hooks-by-the-registry', { 'reports/client.ts': ['../hooks/call/call.hook'], 'hooks/call/call.hook.ts': [] }],
    // The delivery log is core: it knows hooks by the registry and never the wire.
    ['wire-is-the-top', { 'delivery-log/log.ts': ['../webhook/route'], 'webhook/route.ts': [] }],
    [
      'machinery-knows-hooks-by-the-registry',
      { 'delivery-log/replay.ts': ['../hooks/call/call-start.event'], 'hooks/call/call-start.event.ts': [] },
    ],
    // Coverage is core too: it reads the status and never the wire, and knows hooks by name only.
    ['wire-is-the-top', { 'coverage/coverage.ts': ['../webhook/route'], 'webhook/route.ts': [] }],
    [
      'machinery-knows-hooks-by-the-registry',
      { 'coverage/coverage.ts': ['../hooks/call/call-start.event'], 'hooks/call/call-start.event.ts': [] },
    ],
    ['state-is-read-not-owned-by-health', { 'status/status.ts': ['../health/indicator'], 'health/indicator.ts': [] }],
    ['optional-entries-are-leaves', { 'index.ts': ['./queue/index'], 'queue/index.ts': [] }],
    ['optional-entries-are-leaves', { 'core/webhook.service.ts': ['../otel/tracer'], 'otel/tracer.ts': [] }],
    ['runtime-never-imports-testing', { 'webhook/gate.ts': ['../hooks/call/call.fixtures'], 'hooks/call/call.fixtures.ts': [] }],
    ['optional-peers-from-their-entries', { 'core/store.ts': ['ioredis'] }],
    ['bullmq-from-queue', { 'core/queue.ts': ['bullmq'] }],
    ['terminus-from-health', { 'status/status.ts': ['@nestjs/terminus'] }],
    ['pg-from-postgres', { 'calls/store.ts': ['pg'] }],
    ['otel-from-otel', { 'core/trace.ts': ['@opentelemetry/api'] }],
  ])('refuses what breaks %s', async (rule, files) => {
    const found = await violations(tree(rule, files));
    expect(found.filter((line) => line.startsWith(`${rule}:`))).not.toEqual([]);
  });

  it('lets the CLI load the testing entry dynamically', async () => {
    expect(await violations(tree('dynamic', { 'cli/cli.ts': [], 'testing/index.ts': [] }))).toEqual([]);
    const base = join(scratch, 'dynamic');
    writeFileSync(join(base, 'libs/cinnox/src/cli/cli.ts'), "export const load = () => import('../testing/index');\n");
    expect(await violations(base)).toEqual([]);
  });
});
