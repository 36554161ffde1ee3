import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { CinnoxModule } from '../cinnox.module.js';
import { CinnoxError } from '../errors/cinnox.error.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';
import { CinnoxSubscriptionService } from '../subscription/cinnox-subscription.service.js';

const cinnox = () => CinnoxModule.forRoot({ baseUrl: 'https://api.example.com', appId: 'app', appToken: 'token' });

// A host provider and controller that use the module, as a real root module would, ahead of CinnoxModule.
@Injectable()
class HostService {
  constructor(readonly subscriptions: CinnoxSubscriptionService) {}
}
@Controller()
class HostController {
  constructor(private readonly host: HostService) {}
  @Get() ping(): boolean {
    return this.host !== undefined;
  }
}

const boot = async (imports: unknown[]) => {
  @Module({ imports: imports as never[], controllers: [HostController], providers: [HostService] })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  await moduleRef.close();
};

describe('CinnoxModule without EventEmitterModule.forRoot()', () => {
  it('fails at start-up with a CinnoxSetupError that says what to import', async () => {
    const failure = await boot([cinnox()]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CinnoxSetupError);
    expect(failure).toBeInstanceOf(CinnoxError);
    expect((failure as Error).message).toContain('Import EventEmitterModule.forRoot()');
    expect((failure as Error).message).toContain('root module');
  });

  it('starts when the root module imports EventEmitterModule.forRoot()', async () => {
    await expect(boot([EventEmitterModule.forRoot(), cinnox()])).resolves.toBeUndefined();
  });
});
