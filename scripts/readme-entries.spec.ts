import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The package README's "Entry points" table lists what each entry exports: checked against each entry's index.ts,
// both ways, so a name added to an entry or dropped from it shows up here.
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('libs/cinnox/README.md');

const ENTRIES: Record<string, string> = {
  'nestjs-cinnox': 'libs/cinnox/src/index.ts',
  'nestjs-cinnox/testing': 'libs/cinnox/src/testing/index.ts',
  'nestjs-cinnox/health': 'libs/cinnox/src/health/index.ts',
  'nestjs-cinnox/queue': 'libs/cinnox/src/queue/index.ts',
  'nestjs-cinnox/redis': 'libs/cinnox/src/redis/index.ts',
  'nestjs-cinnox/postgres': 'libs/cinnox/src/postgres/index.ts',
  'nestjs-cinnox/otel': 'libs/cinnox/src/otel/index.ts',
  'nestjs-cinnox/cli': 'libs/cinnox/src/cli/index.ts',
};

/** The names an index.ts exports (`export { A, type B, C as D } from ...`). */
function exportedNames(source: string): string[] {
  return [...source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap(([, list]) =>
    list!
      .split(',')
      .map((item) => item.replace(/^\s*type\s+/, '').trim())
      .filter(Boolean)
      .map((item) => item.split(/\s+as\s+/).pop()!),
  );
}

/** The identifiers a README table row names in its "exports" column. */
function listedNames(entry: string): string[] {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${entry}\``));
  if (row === undefined) throw new Error(`libs/cinnox/README.md has no Entry points row for ${entry}`);
  const exportsColumn = row.split(' | ')[1]!;
  return [...exportsColumn.matchAll(/`([A-Za-z_]\w*)/g)].map(([, name]) => name!);
}

describe('the package README lists what each entry exports', () => {
  it.each(Object.entries(ENTRIES))('%s', (entry, index) => {
    const exported = new Set(exportedNames(read(index)));
    const listed = new Set(listedNames(entry));

    expect(
      [...exported].filter((name) => !listed.has(name)),
      'exported but not in the README',
    ).toEqual([]);
    expect(
      [...listed].filter((name) => !exported.has(name)),
      'in the README but not exported',
    ).toEqual([]);
  });
});

// The package's description, both READMEs' first paragraph and CinnoxModule's TSDoc name every family of hooks,
// not calls alone.
describe('the docs say what the library covers', () => {
  const FAMILIES = [
    /calls/i,
    /recordings/i,
    /enquiries/i,
    /SMS/,
    /inbound/i,
    /outbound/i,
    /contacts/i,
    /staff/i,
    /external/i,
    /labels/i,
    /conference/i,
  ];
  const firstParagraph = (markdown: string) => markdown.split('\n\n')[1]!;
  const moduleDoc = read('libs/cinnox/src/cinnox.module.ts').split('@publicApi')[0]!.split('/**').pop()!;

  it.each([
    ['libs/cinnox/package.json description', JSON.parse(read('libs/cinnox/package.json')).description as string],
    ['libs/cinnox/README.md', firstParagraph(readme)],
    ['README.md', firstParagraph(read('README.md'))],
    ['CinnoxModule TSDoc', moduleDoc],
  ])('%s', (_where, text) => {
    expect(FAMILIES.filter((family) => !family.test(text))).toEqual([]);
  });
});
