import { CINNOX_DEFAULT_HOOK_PATHS, type CinnoxModuleExtras, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { CinnoxSimulator, type CinnoxSimulatorOptions } from 'nestjs-cinnox/testing';
import { test as base } from 'vitest';
import type { E2eHost } from './e2e-host.js';
import { startLibraryHost, type LibraryHostExtras } from './start-library-host.js';
import { cinnoxEnv, startSampleHost, type SampleHost, type SampleLogger } from './start-sample-host.js';

// The one end-to-end fixture. A test names what it needs and gets it started, and closed after it, in order
// (apps before the simulator they call): nothing to write in before/after hooks, nothing left running when an
// assertion fails half-way.
//
//   test('...', async ({ simulator, startHost }) => { const host = await startHost({ webhook: { secret } }); ... })
//
// - `simulator`: a CinnoxSimulator on 127.0.0.1:0 accepting APP_ID / APP_TOKEN.
// - `startHost(options?, extras?)`: the library alone in a minimal Nest app, pointed at `simulator` (or at
//   `extras.simulator`, stopped after it); extras add providers, modules, a logger, `listen: false`, an adapter.
// - `startSample(env, logger?)`: the sample app (src/bootstrap.ts); `cinnoxEnv(simulator)` points it at the simulator.
// - `sharedHost` / `sharedSample`: one of each per file (with a simulator of their own) for files that send
//   many requests to the same app; a test that needs a clean event list empties `events` itself.

export const APP_ID = 'e2e-app';
export const APP_TOKEN = 'e2e-token-0123456789';

/** The webhook URL of a host listening on `port` (for the `subscription.url` option, resolved once it listens). */
export const webhookUrlOf = ({ port }: { port: number }): string => `http://127.0.0.1:${port}/${CINNOX_DEFAULT_HOOK_PATHS.call}`;

/** A fresh simulator accepting APP_ID / APP_TOKEN; a test that stops or limits its own passes it as `extras.simulator`. */
export const startSimulator = (options: Partial<CinnoxSimulatorOptions> = {}) =>
  CinnoxSimulator.start({ appId: APP_ID, appToken: APP_TOKEN, ...options });

/** Closes every host in `hosts` (each close is idempotent, so a test may close one itself). */
const closeAll = async (hosts: E2eHost[]) => {
  await Promise.all(hosts.map((host) => host.close()));
};

// vitest reads a fixture's dependencies from its first parameter, which must be an object pattern, even an empty one.
/* oxlint-disable no-empty-pattern */
export const test = base
  .extend('simulator', async ({}, { onCleanup }) => {
    const simulator = await startSimulator();
    onCleanup(() => simulator.stop());
    return simulator;
  })
  .extend('startHost', async ({ simulator }, { onCleanup }) => {
    const hosts: E2eHost[] = [];
    const ownSimulators = new Set<CinnoxSimulator>();
    onCleanup(async () => {
      await closeAll(hosts);
      // A simulator a test passed in is stopped after the apps that call it, like the fixture's own.
      await Promise.all([...ownSimulators].map((own) => own.stop()));
    });
    return async (options: Partial<CinnoxModuleOptions> & CinnoxModuleExtras = {}, extras: LibraryHostExtras = {}): Promise<E2eHost> => {
      if (extras.simulator) ownSimulators.add(extras.simulator);
      const host = await startLibraryHost(simulator, options, extras);
      hosts.push(host);
      return host;
    };
  })
  .extend('startSample', async ({}, { onCleanup }) => {
    const hosts: SampleHost[] = [];
    onCleanup(() => closeAll(hosts));
    return async (env: NodeJS.ProcessEnv, logger?: SampleLogger): Promise<SampleHost> => {
      const host = await startSampleHost(env, logger);
      hosts.push(host);
      return host;
    };
  })
  .extend('sharedHost', { scope: 'file' }, async ({}, { onCleanup }) => {
    const simulator = await startSimulator();
    const host = await startLibraryHost(simulator);
    onCleanup(async () => {
      await host.close();
      await simulator.stop();
    });
    return host;
  })
  .extend('sharedSample', { scope: 'file' }, async ({}, { onCleanup }) => {
    const simulator = await startSimulator();
    const host = await startSampleHost(cinnoxEnv(simulator));
    onCleanup(async () => {
      await host.close();
      await simulator.stop();
    });
    return host;
  });

export { cinnoxEnv };
export type { E2eHost, EmittedEvent, HttpAnswer } from './e2e-host.js';
export type { SampleHost } from './start-sample-host.js';
export type { LibraryHostExtras } from './start-library-host.js';
