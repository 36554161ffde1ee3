import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'readme-typescript-spec-'));

const fence = '```';
const good = `${fence}ts\nimport { CinnoxModule } from 'nestjs-cinnox';\n\nCinnoxModule.forRoot({ baseUrl: 'https://x', appId: 'a', appToken: 't' });\n${fence}\n`;
const wrongOption = `${fence}ts\nimport { CinnoxModule } from 'nestjs-cinnox';\n\nCinnoxModule.forRoot({ baseUrl: 'https://x', appId: 'a', appToken: 't', webhookPaht: 'x' });\n${fence}\n`;

/** Runs the docs check on one Markdown file written from `markdown`. */
function check(name: string, markdown: string) {
  const file = join(dir, name);
  writeFileSync(file, markdown);
  const run = spawnSync(process.execPath, [join(root, 'scripts/readme-typescript.mjs'), relative(root, file)], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One tsc run each, over a cold cache on a busy machine.
describe('the docs TypeScript check (npm run typecheck)', { timeout: 120_000 }, () => {
  it('fails on a block that does not compile and names the line it starts on', () => {
    const markdown = ['# Doc', '', good, 'Text.', '', wrongOption].join('\n');
    const wrongLine = markdown.split('\n').indexOf(`${fence}ts`, 3) + 1;

    const { status, output } = check('bad.md', markdown);

    expect(status).toBe(1);
    expect(output).toContain(`_line_${wrongLine}.ts`);
    expect(output).toContain('webhookPaht');
    expect(output).not.toContain('_line_3.ts');
  });

  it('passes when every block compiles, and skips consumer files and marked fragments', () => {
    const markdown = [
      good,
      '<!-- consumer-file: src/app.module.spec.ts for: nest12-vitest -->',
      '',
      `${fence}ts\nimport { AppModule } from './app.module.js';\n${fence}`,
      '',
      '<!-- ts-fragment -->',
      '',
      `${fence}ts\nCinnoxQueueModule.forRoot({ attempts: 5 }),\n${fence}`,
    ].join('\n');

    const { status, output } = check('good.md', markdown);

    expect(output).toContain('1 TypeScript blocks of the docs compile');
    expect(status).toBe(0);
  });
});
