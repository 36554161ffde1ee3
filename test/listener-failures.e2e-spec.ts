import { Injectable } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxMetrics, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { startHarness, type Harness } from './support/library-harness.js';

@Injectable()
class FailingListeners {
  @OnCallStart({ suppressErrors: false })
  throwsSync(): void {
    throw new Error('sync listener failure');
  }

  @OnCallStart({ suppressErrors: false })
  async rejects(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error('async listener failure');
  }

  @OnCallStart()
  throwsSuppressed(): void {
    throw new Error('suppressed listener failure');
  }
}

@Injectable()
class SlowListener {
  readonly finished: string[] = [];

  // No `async: true`: EventEmitter2 detaches such listeners (setImmediate), so nothing can wait for them.
  @OnCallStart()
  async slow(event: CallStartEvent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.finished.push(event.callId);
  }
}

describe('listener failures', () => {
  let harness: Harness;
  afterEach(() => harness?.close());

  it('never turn a valid delivery into a 5xx, and the other listeners still get the event', async () => {
    harness = await startHarness({}, { providers: [FailingListeners] });
    for (const id of ['fail-1', 'fail-2']) {
      const response = await harness.post(callStartNotification({ id }));
      expect(response).toEqual({ status: 200, body: { code: 0, result: {} } });
    }
    await new Promise((resolve) => setTimeout(resolve, 30)); // let the async listener reject

    expect(harness.events.map((event) => event.payload.callId)).toEqual(['fail-1', 'fail-2']);
    const health = await harness.post({ challenge: 'still-serving' });
    expect(health.status).toBe(200);
    const failures = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total');
    expect(failures).toMatch(/cinnox_listener_failures_total\{event="call.start"\} [1-9]/);
  });

  it('answers before slow async listeners finish by default', async () => {
    harness = await startHarness({}, { providers: [SlowListener] });
    await harness.post(callStartNotification({ id: 'slow-default' }));

    expect(harness.app.get(SlowListener).finished).toEqual([]);
  });

  it('with webhook.awaitListeners, answers only after every listener has settled', async () => {
    harness = await startHarness({ webhook: { awaitListeners: true } }, { providers: [SlowListener, FailingListeners] });
    const response = await harness.post(callStartNotification({ id: 'slow-awaited' }));

    expect(response.status).toBe(200);
    expect(harness.app.get(SlowListener).finished).toEqual(['slow-awaited']);
  });
});
