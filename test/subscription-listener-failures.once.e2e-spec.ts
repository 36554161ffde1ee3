import { Injectable } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { CinnoxMetrics, CinnoxStatus, OnCinnoxSubscriptionChanged, type CinnoxSubscriptionChangedEvent } from 'nestjs-cinnox';
import { test, webhookUrlOf } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';

/** `cinnox.subscription` listeners that fail on every change, asking for their errors to be thrown. */
@Injectable()
class FailingSubscriptionListeners {
  readonly states: string[] = [];

  @OnCinnoxSubscriptionChanged({ suppressErrors: false })
  throws(): void {
    throw new Error('subscription listener throws');
  }

  @OnCinnoxSubscriptionChanged({ suppressErrors: false })
  async rejects(): Promise<void> {
    await Promise.resolve();
    throw new Error('subscription listener rejects');
  }

  @OnCinnoxSubscriptionChanged()
  records(event: CinnoxSubscriptionChangedEvent): void {
    this.states.push(event.state);
  }
}

describe('a failing cinnox.subscription listener', () => {
  // An unhandled rejection ends a Node process; here it is caught and asserted on instead.
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(() => void process.on('unhandledRejection', record));
  afterEach(() => void process.off('unhandledRejection', record));

  test('neither ends the process nor stops the lifecycle: it is logged (warn) and counted', async ({ simulator, startHost }) => {
    const logs = new LogRecorder();
    const harness = await startHost(
      { subscription: { url: webhookUrlOf, backoff: { initialDelayMs: 20, maxDelayMs: 100 } } },
      { providers: [FailingSubscriptionListeners], logger: logs },
    );

    await expect.poll(() => harness.app.get(CinnoxStatus).lifecycle('call')?.state).toBe('active');
    expect(simulator.subscription()?.enabled).toBe(true);
    expect(harness.app.get(FailingSubscriptionListeners).states).toEqual(['subscribing', 'active']);
    const failures = () => harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total');
    // Two listeners failing on each of two changes.
    await expect.poll(failures).toContain('cinnox_listener_failures_total{event="cinnox.subscription"} 4');
    const lines = logs.lines.filter((line) => line.message.includes('subscription listener'));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toMatchObject({ level: 'warn', context: 'CinnoxEvents' });
      expect(line.message).toMatch(
        /^A cinnox\.subscription listener failed for event call:(subscribing|active):\S+: subscription listener (throws|rejects)$/,
      );
    }
    expect(unhandled).toEqual([]);
  });
});
