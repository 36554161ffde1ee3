import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { LogRecorder } from '../../../../test/support/log-recorder.js';
import { CinnoxModule } from '../cinnox.module.js';

const valid = { baseUrl: 'https://api.example.com', appId: 'app', appToken: 'token' };

/** Boots an app with these module extras, its logger recording (set before any provider is built). */
async function boot(module: ReturnType<typeof CinnoxModule.forRoot>, logger: LogRecorder): Promise<void> {
  const moduleRef = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot(), module] })
    .setLogger(logger)
    .compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.init();
  await app.close();
}

// This file boots the first apps of its process (vitest isolates spec files): the flag starts unset.
describe('webhookPath deprecation', () => {
  it('warns once per process, at boot, through the app logger, saying what to use instead', async () => {
    const logger = new LogRecorder();
    const first = CinnoxModule.forRoot({ ...valid, webhookPath: 'calls-in' });
    // Defining the module is not booting: nothing yet.
    expect(logger.lines).toEqual([]);
    await boot(CinnoxModule.forRoot({ ...valid }), logger);
    expect(logger.of('CinnoxModule')).toEqual([]);

    await boot(first, logger);
    await boot(CinnoxModule.forRoot({ ...valid, webhookPath: 'calls-in-too' }), logger);
    await boot(CinnoxModule.forRootAsync({ webhookPath: 'calls-async', useFactory: () => valid }), logger);

    expect(logger.of('CinnoxModule')).toEqual([
      {
        level: 'warn',
        context: 'CinnoxModule',
        message: 'CinnoxModule option "webhookPath" is deprecated: use hookPaths: { call: "calls-in" } instead (the same route).',
      },
    ]);
  });
});
