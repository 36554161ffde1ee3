// Builds libs/cinnox twice from one source: dist/esm (ES modules, for `import`) and dist/cjs (CommonJS, for
// `require`, marked by its own package.json since the package itself is "type": "module").
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

const lib = new URL('../libs/cinnox/', import.meta.url);
const tsc = (project) => execFileSync('npx', ['--no-install', 'tsc', '-p', project], { cwd: lib, stdio: 'inherit' });

rmSync(new URL('dist', lib), { recursive: true, force: true });
tsc('tsconfig.lib.json');
tsc('tsconfig.lib.cjs.json');
writeFileSync(new URL('dist/cjs/package.json', lib), '{ "type": "commonjs" }\n');
