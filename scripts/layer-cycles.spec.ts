import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations.
import { layerCycles } from './layer-cycles.mjs';

const module = (source: string, ...imports: string[]) => ({
  source: `libs/cinnox/src/${source}`,
  dependencies: imports.map((resolved) => ({ resolved: `libs/cinnox/src/${resolved}` })),
});

describe('layerCycles', () => {
  it('finds a cycle that runs through a file at the root of libs/cinnox/src', () => {
    const cycles = layerCycles([
      module('core/publisher.ts', 'cinnox-options.interface.ts'),
      module('cinnox-options.interface.ts', 'calls/call.store.ts'),
      module('calls/call.store.ts'),
      module('calls/feed.ts', 'core/publisher.ts'),
    ]);
    expect(cycles.map((cycle: { units: string[] }) => cycle.units)).toEqual([['calls', 'cinnox-options.interface.ts', 'core']]);
  });

  it('finds none where imports point one way, and ignores specs and a folder importing itself', () => {
    const cycles = layerCycles([
      module('core/publisher.ts', 'cinnox-options.interface.ts', 'core/dispatch.ts'),
      module('cinnox-options.interface.ts', 'stores/call.store.ts'),
      module('calls/feed.ts', 'core/publisher.ts', 'stores/call.store.ts'),
      module('core/publisher.spec.ts', 'calls/feed.ts'),
    ]);
    expect(cycles).toEqual([]);
  });
});
