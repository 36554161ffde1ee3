import { Injectable } from '@nestjs/common';
import { describe, expect } from 'vitest';
import { CinnoxMetrics, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';

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

/** A slow listener that finishes only when the test lets it: no race with how fast the answer comes. */
@Injectable()
class HeldListener {
  readonly finished: string[] = [];
  /** Lets every held delivery finish. */
  release!: () => void;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));

  @OnCallStart()
  async slow(event: CallStartEvent): Promise<void> {
    await this.held;
    this.finished.push(event.callId);
  }
}

describe('listener failures', () => {
  test('never turn a valid delivery into a 5xx, the other listeners still get the event, and both failure paths are counted', async ({
    startHost,
  }) => {
    const harness = await startHost({}, { providers: [FailingListeners] });
    for (const id of ['fail-1', 'fail-2']) {
      const response = await harness.post(callStartNotification({ id }));
      expect(response).toEqual({ status: 200, body: { code: 0, result: {} } });
    }

    expect(harness.events.map((event) => event.payload.callId)).toEqual(['fail-1', 'fail-2']);
    const health = await harness.post({ challenge: 'still-serving' });
    expect(health.status).toBe(200);
    // Per notification, one synchronous throw and one later rejection: 2 alone would mean the async path is lost.
    const failures = () => harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total');
    await expect.poll(failures, { timeout: 2000 }).toContain('cinnox_listener_failures_total{event="call.start"} 4');
  });

  test('answers before slow async listeners finish by default', async ({ startHost }) => {
    const harness = await startHost({}, { providers: [HeldListener] });
    const listener = harness.app.get(HeldListener);
    expect((await harness.post(callStartNotification({ id: 'slow-default' }))).status).toBe(200);

    expect(listener.finished).toEqual([]);
    listener.release();
    await expect.poll(() => listener.finished).toEqual(['slow-default']);
  });

  test('with webhook.awaitListeners, answers only after every listener has settled', async ({ startHost }) => {
    const harness = await startHost({ webhook: { awaitListeners: true } }, { providers: [SlowListener, FailingListeners] });
    const response = await harness.post(callStartNotification({ id: 'slow-awaited' }));

    expect(response.status).toBe(200);
    expect(harness.app.get(SlowListener).finished).toEqual(['slow-awaited']);
  });
});
