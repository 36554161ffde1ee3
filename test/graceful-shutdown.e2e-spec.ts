import { Injectable } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { OnCallStart } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { startHarness, type Harness } from './support/library-harness.js';

@Injectable()
class SlowListener {
  readonly done: string[] = [];

  @OnCallStart()
  async handle(event: { callId: string }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    this.done.push(event.callId);
  }
}

describe('graceful shutdown', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.simulator.stop();
    harness = undefined;
  });

  it('finishes an in-flight delivery (listeners included) before the app closes', async () => {
    harness = await startHarness({ webhook: { awaitListeners: true } }, { providers: [SlowListener] });
    const listener = harness.app.get(SlowListener);
    const inFlight = harness.post(callStartNotification({ id: 'in-flight' }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the request is now inside the listener

    await harness.app.close();

    expect(await inFlight).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(listener.done).toEqual(['in-flight']);
  });
});
