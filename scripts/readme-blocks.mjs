// Reads the marked code blocks of libs/cinnox/README.md, so the consumer apps run exactly the README's code:
//   <!-- consumer-file: src/app.module.ts for: nest12-vitest nest11-jest -->  then a fenced block: that file
//   <!-- consumer-install: nest11-jest -->                                     then a fenced block: the npm install line
import { readFileSync } from 'node:fs';

const readme = new URL('../libs/cinnox/README.md', import.meta.url);
const marked = /<!-- consumer-(file|install): ([^>]*?) -->\s*```\w*\n([\s\S]*?)```/g;

/** The README's files and install arguments for one consumer app. */
export function readmeFor(consumer) {
  const files = {};
  let install;
  for (const [, kind, spec, body] of readFileSync(readme, 'utf8').matchAll(marked)) {
    if (kind === 'file') {
      const [path, consumers] = spec.split(/\s+for:\s+/);
      if (consumers.split(/\s+/).includes(consumer)) files[path] = body;
    } else if (spec.split(/\s+/).includes(consumer)) {
      const line = body.split('\n').find((text) => text.startsWith('npm install '));
      install = line.slice('npm install '.length).trim().split(/\s+/);
    }
  }
  if (!install || Object.keys(files).length === 0) throw new Error(`libs/cinnox/README.md has no consumer blocks for ${consumer}`);
  return { files, install };
}
