import { Injectable } from '@nestjs/common';
import { describe, expect } from 'vitest';
import { CinnoxMetrics, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';

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

/** Three listeners failing with the options most hosts write, and one that works. */
@Injectable()
class DefaultOptionListeners {
  readonly heard: string[] = [];

  @OnCallStart()
  throws(): void {
    throw new Error('default-option listener failure');
  }

  @OnCallStart()
  async rejects(): Promise<void> {
    await Promise.resolve();
    throw new Error('default-option rejection');
  }

  @OnCallStart({ async: true })
  async rejectsDetached(): Promise<void> {
    throw new Error('async: true listener failure');
  }

  @OnCallStart()
  hears(event: CallStartEvent): void {
    this.heard.push(event.eventId);
  }
}

@Injectable()
class SlowListener {
  readonly finished: string[] = [];

  @OnCallStart()
  async slow(event: CallStartEvent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.finished.push(event.callId);
  }

  // EventEmitter2 starts it on the next turn; the library's decorators keep its promise, so it is waited for too.
  @OnCallStart({ async: true })
  async slowDetached(event: CallStartEvent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.finished.push(`${event.callId} (async: true)`);
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
  test('never turn a valid delivery into a 5xx, the other listeners still get the event, and every failure is counted', async ({
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
    // Per notification, one synchronous throw, one later rejection and one with default options (which
    // @nestjs/event-emitter would swallow): 4 would mean a default-option failure went unseen.
    const failures = () => harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total');
    await expect.poll(failures, { timeout: 2000 }).toContain('cinnox_listener_failures_total{event="call.start"} 6');
  });

  test('inline, three failing listeners are counted three times and logged once each (warn, with the event id); the others run, CINNOX gets 200', async ({
    startHost,
  }) => {
    const logs = new LogRecorder();
    const harness = await startHost({ webhook: { awaitListeners: true } }, { providers: [DefaultOptionListeners], logger: logs });
    const response = await harness.post(callStartNotification({ id: 'three-fail' }));

    expect(response).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(harness.app.get(DefaultOptionListeners).heard).toEqual(['call:three-fail:CallStart']);
    expect(await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total')).toContain(
      'cinnox_listener_failures_total{event="call.start"} 3',
    );
    // Every line naming one of the failures, whatever its logger: once each, by the library.
    const failureLines = logs.lines.filter((line) => /listener failure|rejection/.test(line.message));
    expect(failureLines.map(({ level, context }) => ({ level, context }))).toEqual(
      Array(3).fill({ level: 'warn', context: 'CinnoxEvents' }),
    );
    expect(failureLines.map((line) => line.message).sort()).toEqual([
      'A call.start listener failed for event call:three-fail:CallStart: async: true listener failure',
      'A call.start listener failed for event call:three-fail:CallStart: default-option listener failure',
      'A call.start listener failed for event call:three-fail:CallStart: default-option rejection',
    ]);
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
    expect(harness.app.get(SlowListener).finished.sort()).toEqual(['slow-awaited', 'slow-awaited (async: true)']);
  });
});
