import type { DynamicModule, INestApplication, LoggerService, Provider, Type } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { CinnoxModule, type CinnoxModuleExtras, type CinnoxModuleOptions } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { E2E_ADAPTER, e2eHost, type E2eHost } from './e2e-host.js';

/** What a test adds to the library host: its own listeners and modules (a queue, a dedupe store...). */
export interface LibraryHostExtras {
  providers?: Provider[];
  imports?: Array<Type | DynamicModule>;
  /** Point the app at this simulator (it may be stopped, or built with its own limits) instead of the fixture's. */
  simulator?: CinnoxSimulator;
  /** The app's logger. @default false */
  logger?: LoggerService | false;
  /** Leave the app initialised but not listening (`app.listen` is the test's). @default true */
  listen?: boolean;
  /** Builds the app from the compiled module, for a test that needs its own adapter or middleware. */
  createApp?: (moduleRef: TestingModule, logger: LoggerService | false) => INestApplication;
}

/** The app on the suite's adapter (E2E_ADAPTER). */
function createOnAdapter(moduleRef: TestingModule, logger: LoggerService | false): INestApplication {
  return E2E_ADAPTER === 'fastify'
    ? moduleRef.createNestApplication(new FastifyAdapter(), { logger })
    : moduleRef.createNestApplication({ logger });
}

/**
 * A minimal host app around the library (no sample-app code) on `E2E_ADAPTER`, listening on 127.0.0.1:0,
 * pointed at `simulator` with its credentials; `options` (and module extras such as `hooks`) go on top.
 */
export async function startLibraryHost(
  simulator: CinnoxSimulator,
  options: Partial<CinnoxModuleOptions> & CinnoxModuleExtras = {},
  extras: LibraryHostExtras = {},
): Promise<E2eHost> {
  const target = extras.simulator ?? simulator;
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventEmitterModule.forRoot(),
      CinnoxModule.forRoot({ baseUrl: target.baseUrl, appId: target.appId, appToken: target.appToken, ...options }),
      ...(extras.imports ?? []),
    ],
    providers: extras.providers ?? [],
  }).compile();
  const app = (extras.createApp ?? createOnAdapter)(moduleRef, extras.logger ?? false);
  if (extras.listen === false) await app.init();
  else await app.listen(0, '127.0.0.1');
  return e2eHost(app);
}
