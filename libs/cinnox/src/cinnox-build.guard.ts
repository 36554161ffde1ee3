import { dualPackageLoaded } from './cinnox.messages.js';

const BUILD_KEY = Symbol.for('nestjs-cinnox.build');

/**
 * Records which build of the package (ES module or CommonJS) this process loaded, and warns once when the other
 * one loads too: the dual-package hazard the package README's "Packaging" describes, made visible.
 */
export function registerCinnoxBuild(build: string, registry: Record<symbol, unknown> = globalThis as Record<symbol, unknown>): void {
  const first = registry[BUILD_KEY] as string | undefined;
  if (first === undefined) registry[BUILD_KEY] = build;
  else if (first !== build && first !== 'both') {
    registry[BUILD_KEY] = 'both';
    process.emitWarning(dualPackageLoaded(first, build), { code: 'CINNOX_DUAL_PACKAGE' });
  }
}

// `module` exists only when this file runs as CommonJS (the dist/cjs build).
registerCinnoxBuild(typeof module === 'object' ? 'CommonJS' : 'ES module');
