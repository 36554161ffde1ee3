import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { CinnoxModule, type CinnoxModuleExtras, type CinnoxModuleOptions } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { E2E_ADAPTER, e2eHost, type E2eHost } from './e2e-host.js';

/** What a test adds to the library host: its own listeners and modules (a queue, a dedupe store...). */
export interface LibraryHostExtras {
  providers?: Provider[];
  imports?: Array<Type | DynamicModule>;
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
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventEmitterModule.forRoot(),
      CinnoxModule.forRoot({ baseUrl: simulator.baseUrl, appId: simulator.appId, appToken: simulator.appToken, ...options }),
      ...(extras.imports ?? []),
    ],
    providers: extras.providers ?? [],
  }).compile();
  const app =
    E2E_ADAPTER === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
      : moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return e2eHost(app);
}
