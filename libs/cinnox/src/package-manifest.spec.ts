import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every package the library's shipped code imports must be declared in its own package.json, or a
// consumer installing the tarball gets ERR_MODULE_NOT_FOUND (this caught prom-client once).
const libRoot = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(libRoot, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('package manifest', () => {
  it('declares every package the shipped code imports at run time', () => {
    const undeclared = new Set<string>();
    for (const file of sourceFiles(join(libRoot, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const [, typeOnly, specifier] of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        const name = packageOf(specifier!);
        if (typeOnly || name.startsWith('node:') || builtinModules.includes(name)) continue;
        if (!declared.has(name)) undeclared.add(`${name} (${file.slice(libRoot.length)})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });
});
