// Folder cycles in libs/cinnox/src with the files at its root (the options interfaces, the module, the
// constants) counted as units of their own: dependency-cruiser's folder scope puts them all in one folder,
// so a cycle through one of them (core -> cinnox-options.interface.ts -> calls -> core) went unseen.
// Run by `npm run lint`; exits 1 naming each cycle and the imports that close it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SRC = 'libs/cinnox/src/';

/** The unit a file belongs to: its top folder under SRC, or the file itself at the root. */
const unitOf = (path) => {
  const rest = path.slice(SRC.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest : rest.slice(0, slash);
};

/** Cycles among units, from dependency-cruiser's JSON modules: each an array of units and the imports within it. */
export function layerCycles(modules) {
  const edges = new Map();
  const via = new Map();
  for (const { source, dependencies } of modules) {
    if (!source.startsWith(SRC) || /\.spec\.ts$/.test(source)) continue;
    const from = unitOf(source);
    for (const { resolved } of dependencies) {
      if (!resolved.startsWith(SRC)) continue;
      const to = unitOf(resolved);
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
      via.set(`${from} ${to}`, `${source} -> ${resolved}`);
    }
  }
  // Tarjan's strongly connected components.
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const cycles = [];
  const visit = (unit) => {
    index.set(unit, next);
    low.set(unit, next++);
    stack.push(unit);
    for (const to of edges.get(unit) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit), low.get(to)));
      } else if (stack.includes(to)) low.set(unit, Math.min(low.get(unit), index.get(to)));
    }
    if (low.get(unit) !== index.get(unit)) return;
    const members = [];
    let member;
    do {
      member = stack.pop();
      members.push(member);
    } while (member !== unit);
    if (members.length > 1) {
      const imports = members.flatMap((a) => members.filter((b) => edges.get(a)?.has(b)).map((b) => via.get(`${a} ${b}`)));
      cycles.push({ units: members.sort((a, b) => a.localeCompare(b)), imports });
    }
  };
  for (const unit of edges.keys()) if (!index.has(unit)) visit(unit);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const json = execFileSync(
    'npx',
    ['--no-install', 'depcruise', 'libs/cinnox/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const cycles = layerCycles(JSON.parse(json.toString()).modules);
  for (const { units, imports } of cycles) console.error(`layer cycle: ${units.join(' <-> ')}\n  ${imports.join('\n  ')}`);
  if (cycles.length > 0) process.exit(1);
  console.log('no layer cycles (folders and root files of libs/cinnox/src)');
}
