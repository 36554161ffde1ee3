import { Injectable } from '@nestjs/common';
import { request } from 'node:http';
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

/** POST without keep-alive: a kept-alive idle socket would hold close() open until its timeout. */
function postOnce(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject).end(JSON.stringify(body));
  });
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
    const inFlight = postOnce(harness.webhookUrl, callStartNotification({ id: 'in-flight' }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the request is now inside the listener

    await harness.app.close();

    expect(await inFlight).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(listener.done).toEqual(['in-flight']);
  });
});
