import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The queue entry's install lines in the package README (the user's documentation; the root README is the
// contributors' and points there) name versions that fit together: a plain `npm install bullmq` pulls a major
// outside the peer range, so the README says which to install for each NestJS major.
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const manifest = JSON.parse(read('../../package.json')) as { peerDependencies: Record<string, string> };

/** The majors a range of caret alternatives (`^11.0.0 || ^12.0.0`) accepts. */
const majors = (range: string): number[] => range.split('||').map((part) => Number(/^\s*\^(\d+)/.exec(part)?.[1]));

/** `npm install @nestjs/bullmq@^X bullmq@^Y   # NestJS Z` lines, as { nest, nestBullmq, bullmq } majors. */
function installLines(readme: string): { nest: number; nestBullmq: number; bullmq: number }[] {
  return [...readme.matchAll(/^npm install @nestjs\/bullmq@\^(\d+) bullmq@\^(\d+)\s+# NestJS (\d+)$/gm)].map(
    ([, nestBullmq, bullmq, nest]) => ({
      nest: Number(nest),
      nestBullmq: Number(nestBullmq),
      bullmq: Number(bullmq),
    }),
  );
}

describe.each([['libs/cinnox/README.md', '../../README.md']])('%s', (_name, path) => {
  const lines = installLines(read(path));

  it('says what to install for queue mode on NestJS 11 and on NestJS 12', () => {
    expect(lines.map((line) => line.nest).sort((a, b) => a - b)).toEqual([11, 12]);
  });

  it('names versions inside the package peer ranges, for a NestJS major the package supports', () => {
    for (const line of lines) {
      expect(majors(manifest.peerDependencies['@nestjs/core']!)).toContain(line.nest);
      expect(majors(manifest.peerDependencies['@nestjs/bullmq']!)).toContain(line.nestBullmq);
      expect(majors(manifest.peerDependencies['bullmq']!)).toContain(line.bullmq);
    }
  });

  it('names an @nestjs/bullmq that accepts that NestJS and that bullmq (checked against the installed major)', () => {
    const installed = createRequire(import.meta.url)('@nestjs/bullmq/package.json') as {
      version: string;
      peerDependencies: Record<string, string>;
    };
    const line = lines.find((candidate) => candidate.nestBullmq === Number(installed.version.split('.')[0]));
    expect(line).toBeDefined();
    expect(majors(installed.peerDependencies['@nestjs/core']!)).toContain(line!.nest);
    expect(majors(installed.peerDependencies['bullmq']!)).toContain(line!.bullmq);
    // "@nestjs/bullmq 12 accepts NestJS 11 too", as the root README says.
    for (const nest of majors(manifest.peerDependencies['@nestjs/core']!))
      expect(majors(installed.peerDependencies['@nestjs/core']!)).toContain(nest);
  });
});
