import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a consumer's TypeScript sees is the built .d.ts, not these sources: build them the way the package is
// built (tsconfig.lib.json) and read them as text (the compiler API is not available with tsc 7).

const libRoot = new URL('..', import.meta.url).pathname;
const ENTRIES = ['index', 'health/index', 'queue/index', 'redis/index', 'postgres/index', 'otel/index', 'testing/index'];
// Global types a consumer always has.
// prettier-ignore
const GLOBAL_TYPES = new Set([
  'AbortSignal', 'Array', 'Date', 'Error', 'ErrorOptions', 'Exclude', 'Map', 'NodeJS', 'Omit', 'Partial', 'Pick', 'Promise',
  'PromiseLike', 'Readonly', 'ReadonlyArray', 'ReadonlyMap', 'ReadonlySet', 'Record', 'Required', 'Set', 'URL',
]);

let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cinnox-dts-'));
  execFileSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.lib.json', '--emitDeclarationOnly', '--outDir', out], { cwd: libRoot });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const read = (file: string): string => readFileSync(file, 'utf8');

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The names an entry's .d.ts exports: every name, and the value (non-type) ones with the file declaring them. */
function exportsOf(entry: string): { names: Set<string>; values: Map<string, string> } {
  const file = join(out, `${entry}.d.ts`);
  const names = new Set<string>();
  const values = new Map<string, string>();
  for (const [, typeOnly, list, from] of read(file).matchAll(/export (type )?\{([^}]*)\} from '([^']+)'/g)) {
    for (const item of list!
      .split(',')
      .map((one) => one.trim())
      .filter(Boolean)) {
      const isType = Boolean(typeOnly) || item.startsWith('type ');
      const [original, alias] = item.replace(/^type /, '').split(/\s+as\s+/);
      names.add(alias ?? original!);
      if (!isType) values.set(alias ?? original!, resolve(dirname(file), from!.replace(/\.js$/, '.d.ts')));
    }
  }
  return { names, values };
}

/** The parameter list of the public constructor of class `name` in `file`, or undefined (none, or private). */
function publicConstructorOf(file: string, name: string): string | undefined {
  const text = read(file);
  const start = text.search(new RegExp(`export declare (abstract )?class ${name}\\b`));
  if (start < 0) return undefined;
  const next = text.indexOf('\nexport ', start + 1);
  const body = text.slice(start, next < 0 ? undefined : next);
  const at = body.search(/^\s*(?:(private|protected) )?constructor\(/m);
  if (at < 0) return undefined;
  if (/^\s*private constructor\(/m.test(body.slice(at))) return undefined;
  let depth = 0;
  const open = body.indexOf('constructor(', at) + 'constructor'.length;
  for (let index = open; index < body.length; index++) {
    if (body[index] === '(') depth++;
    if (body[index] === ')' && --depth === 0) return body.slice(open + 1, index);
  }
  throw new Error(`unbalanced constructor of ${name} in ${file}`);
}

/** Names imported in `file` from packages (a consumer can import them too). */
function packageImports(file: string): Set<string> {
  const names = new Set<string>();
  for (const [, clause, from] of read(file).matchAll(/import (?:type )?([^;]*?) from '([^']+)'/g)) {
    if (from!.startsWith('.')) continue;
    for (const name of clause!.replace(/[{}]/g, ' ').split(/[\s,]+/)) if (name && name !== 'type' && name !== 'as') names.add(name);
  }
  return names;
}

describe('the built .d.ts', () => {
  it('ships no @internal member', () => {
    const leaked = declarationFiles(out).flatMap((file) =>
      [...read(file).matchAll(/\/\*\*[\s\S]*?\*\//g)]
        .filter(([comment]) => /(^|[\s*])@internal\b/.test(comment))
        .map(([comment]) => `${file.slice(out.length)}: ${comment.slice(0, 80)}`),
    );
    expect(leaked).toEqual([]);
    // CinnoxStatus's writers are @internal: only the library writes what it saw.
    expect(read(join(out, 'status/cinnox-status.d.ts'))).not.toMatch(/recordSubscription|notified\(/);
  });

  it('exports no token of the resolved options (the app token among them)', () => {
    for (const entry of ENTRIES) expect([...exportsOf(entry).names].filter((name) => /RESOLVED_OPTIONS/.test(name))).toEqual([]);
  });

  it.each(ENTRIES)('names in every public constructor of %s only types a consumer can import', (entry) => {
    const own = exportsOf(entry);
    const importable = new Set([...own.names, ...exportsOf('index').names]);
    const hidden: string[] = [];
    for (const [name, file] of own.values) {
      if (!existsSync(file)) continue;
      const parameters = publicConstructorOf(file, name);
      if (parameters === undefined) continue;
      const fromPackages = packageImports(file);
      const types =
        parameters
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/'[^']*'/g, '')
          .match(/\b[A-Z][A-Za-z0-9_]*\b/g) ?? [];
      for (const type of new Set(types)) {
        if (type !== name && !importable.has(type) && !fromPackages.has(type) && !GLOBAL_TYPES.has(type)) hidden.push(`${name}: ${type}`);
      }
    }
    expect(hidden).toEqual([]);
  });
});
