import { TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { CinnoxStatus } from './cinnox-status.service.js';
import { CinnoxHealthIndicator } from './cinnox.health.js';

async function indicator(): Promise<{ health: CinnoxHealthIndicator; status: CinnoxStatus }> {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule],
    providers: [CinnoxStatus, CinnoxHealthIndicator],
  }).compile();
  return { health: moduleRef.get(CinnoxHealthIndicator), status: moduleRef.get(CinnoxStatus) };
}

describe('CinnoxHealthIndicator with the subscription lifecycle', () => {
  it('is degraded while the lifecycle is not active, up once it is, and reports its settings', async () => {
    const { health, status } = await indicator();
    status.lifecycleSettings = { refreshIntervalMs: 60_000, maxSilenceMs: 900_000 };
    status.recordSubscription('call', { enabled: true, url: 'https://a.example/h', updatedAt: new Date() });
    status.recordLifecycle('call', { state: 'retrying', url: 'https://a.example/h', since: new Date(0), lastError: 'CINNOX down' });

    expect(health.check('cinnox').cinnox).toMatchObject({
      status: 'degraded',
      state: 'retrying',
      stateSince: '1970-01-01T00:00:00.000Z',
      lastError: 'CINNOX down',
      refreshIntervalMs: 60_000,
      maxSilenceMs: 900_000,
    });

    status.recordLifecycle('call', { state: 'active', url: 'https://a.example/h', since: new Date() });
    expect(health.check('cinnox').cinnox).toMatchObject({ status: 'up', state: 'active', lastError: null });
  });

  it('without the lifecycle, reports what CINNOX last confirmed, as before', async () => {
    const { health, status } = await indicator();
    expect(health.check('cinnox').cinnox).toEqual(expect.not.objectContaining({ state: expect.anything() }));
    status.recordSubscription('call', { enabled: true, url: 'https://a.example/h', updatedAt: new Date() });
    expect(health.check('cinnox').cinnox).toMatchObject({ status: 'up', subscription: 'subscribed' });
  });
});
