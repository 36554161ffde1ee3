import { Injectable } from '@nestjs/common';
import { request } from 'node:http';
import { describe, expect } from 'vitest';
import { OnCallStart } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';
import { parseJsonOrText } from './support/parse-json-or-text.js';

@Injectable()
class SlowListener {
  readonly done: string[] = [];
  /** Resolves once a delivery is inside the listener. */
  readonly entered: Promise<void>;
  private enter!: () => void;
  private readonly leave: Promise<void>;
  /** Lets the listener finish. */
  release!: () => void;

  constructor() {
    this.entered = new Promise((resolve) => (this.enter = resolve));
    this.leave = new Promise((resolve) => (this.release = resolve));
  }

  @OnCallStart()
  async handle(event: { callId: string }): Promise<void> {
    this.enter();
    await this.leave;
    this.done.push(event.callId);
  }
}

/** POST without keep-alive: a kept-alive idle socket would hold close() open until its timeout. */
function postOnce(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseJsonOrText(text) }));
    });
    req.on('error', reject).end(JSON.stringify(body));
  });
}

describe('graceful shutdown', () => {
  test('finishes an in-flight delivery (listeners included) before the app closes', async ({ startHost }) => {
    const host = await startHost({ webhook: { awaitListeners: true } }, { providers: [SlowListener] });
    const listener = host.app.get(SlowListener);
    const inFlight = postOnce(host.webhookUrl, callStartNotification({ id: 'in-flight' }));
    await listener.entered;

    const closed = host.close();
    setTimeout(() => listener.release(), 100); // close() must still be waiting for it then
    await closed;

    expect(listener.done).toEqual(['in-flight']);
    expect(await inFlight).toEqual({ status: 200, body: { code: 0, result: {} } });
  });
});
