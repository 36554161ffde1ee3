// Type-checks every ```ts block of the READMEs and recipes, so the code a reader copies compiles against the
// library as it is. Run by `npm run typecheck`; `node scripts/readme-typescript.mjs [file.md ...]` checks other files.
//
// Each block becomes one module file (a block is a whole example: its imports, then the code) under
// node_modules/.cache, checked with the repository's tsconfig, whose paths map `nestjs-cinnox` and its entries
// to the library's sources. Skipped: blocks marked `<!-- consumer-file: ... -->` (scripts/consumer-app.mjs
// compiles and runs those in the consumer apps, beside the files they import) and blocks marked
// `<!-- ts-fragment -->` (a line of options or a table row written as code, not a program).
// TypeScript 7 ships no compiler API, hence the `tsc` binary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FILES = ['README.md', 'libs/cinnox/README.md', 'docs/RECIPES.md'];
const block = /^(<!-- ([^>]*?) -->\s*\n)?```ts\n([\s\S]*?)^```/gm;

/** Every ```ts block of a Markdown file that is a whole program, with the line it starts on. */
export function typescriptBlocks(markdown) {
  const blocks = [];
  for (const match of markdown.matchAll(block)) {
    const marker = match[2] ?? '';
    if (marker.startsWith('consumer-file:') || marker === 'ts-fragment') continue;
    const line = markdown.slice(0, match.index + (match[1]?.length ?? 0)).split('\n').length;
    blocks.push({ line, code: match[3] });
  }
  return blocks;
}

/** Checks the blocks of `files` (paths relative to the repository); resolves to `{ ok, checked, output }`. */
export function checkReadmeTypescript(files = DEFAULT_FILES) {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'readme-ts-'));
  try {
    const names = [];
    for (const file of files) {
      const path = resolve(root, file);
      for (const { line, code } of typescriptBlocks(readFileSync(path, 'utf8'))) {
        const name = `${relative(root, path).replace(/[^\w]+/g, '_')}_line_${line}.ts`;
        // `export {}` keeps each block a module of its own, so two blocks may declare the same names.
        writeFileSync(join(dir, name), `${code}\nexport {};\n`);
        names.push(name);
      }
    }
    const tsconfig = { extends: relative(dir, join(root, 'tsconfig.json')), files: names, include: [] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const run = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`.replaceAll(`${relative(root, dir)}/`, '').replaceAll(`${dir}/`, '');
    return { ok: run.status === 0, checked: names, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  const { ok, checked, output } = checkReadmeTypescript(files.length > 0 ? files : undefined);
  if (!ok) {
    process.stderr.write(`${output}\nA TypeScript block above does not compile (file_line_N.ts: the block starting on line N).\n`);
    process.exit(1);
  }
  process.stdout.write(`${checked.length} TypeScript blocks of the docs compile.\n`);
}
