import { Injectable, type LoggerService } from '@nestjs/common';
import { afterEach, describe, expect, vi } from 'vitest';
import { CinnoxApiError, CinnoxSubscriptionService, OnCallStart } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { APP_TOKEN, cinnoxEnv, test } from './support/e2e.fixture.js';

// Issue 10, defects 3 and 8: no secret in any error or log line, whatever the text came from, and no
// control character from a request written raw into a log line.

const SECRET = 'log-safety-secret-0123456789';
// A call id that would forge a second log line and colour the terminal if written raw.
const EVIL_ID = 'evil\n2026-01-01 ERROR [Forged] injected \u001b[31mred';

/** Every chunk the process writes to stdout and stderr while `capture` is on. */
function captureOutput(): { text: () => string; lines: () => string[] } {
  const chunks: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  return { text: () => chunks.join(''), lines: () => chunks };
}

afterEach(() => vi.restoreAllMocks());

describe('secrets in errors and logs', () => {
  test('CINNOX echoing the registered URL (?token=<secret>) or the app token: neither reaches the error or a log line', async ({
    simulator,
    startSample,
  }) => {
    // The library subscribes CINNOX_WEBHOOK_URL once the app listens and logs why it failed.
    simulator.failNext({ status: 400, echoUrl: true });
    const output = captureOutput();
    // The sample with its own logger (AppLogger), whose output is what is checked.
    const sample = await startSample(
      { ...cinnoxEnv(simulator), CINNOX_WEBHOOK_SECRET: SECRET, CINNOX_WEBHOOK_URL: 'http://127.0.0.1:9/cinnox/webhooks/call-events' },
      'app',
    );
    simulator.failNext({ status: 400, echoUrl: true }, { status: 400, body: { code: 4001, message: `app token ${APP_TOKEN} refused` } });

    const subscriptions = sample.app.get(CinnoxSubscriptionService);
    const echoed = await subscriptions.subscribe('http://127.0.0.1:9/hook').catch((error: unknown) => error);
    const token = await subscriptions.subscribe('http://127.0.0.1:9/hook').catch((error: unknown) => error);

    // The simulator did receive the secret, and echoed it.
    expect(JSON.stringify(simulator.requests)).toContain(SECRET);
    expect(echoed).toBeInstanceOf(CinnoxApiError);
    expect((echoed as CinnoxApiError).message).toContain('simulated failure for url http://127.0.0.1:9/hook?token=[redacted]');
    expect((echoed as CinnoxApiError).vendorMessage).toBe('simulated failure for url http://127.0.0.1:9/hook?token=[redacted]');
    expect((token as CinnoxApiError).message).toContain('app token [redacted] refused');
    expect(JSON.stringify([echoed, token, (echoed as Error).message, (token as Error).message])).not.toContain(SECRET);
    expect(`${(token as Error).message} ${(token as CinnoxApiError).vendorMessage}`).not.toContain(APP_TOKEN);
    const logged = output.text();
    expect(logged).toContain('CINNOX call subscription of');
    expect(logged).toContain('token=[redacted]');
    expect(logged).not.toContain(SECRET);
  });
});

describe('control characters in log lines', () => {
  test("the sample's call line shows an id with a newline and an ANSI escape as one escaped line", async ({ simulator, startSample }) => {
    const output = captureOutput();
    const sample = await startSample({ ...cinnoxEnv(simulator), CINNOX_WEBHOOK_SECRET: SECRET }, 'app');
    await sample.app.get(CinnoxSubscriptionService).subscribe(`${sample.url}/cinnox/webhooks/call-events`);

    const delivery = await simulator.deliver(callStartNotification({ id: EVIL_ID }));

    expect(delivery.status).toBe(200);
    const lines = output
      .text()
      .split('\n')
      .filter((line) => line.includes('evil') || line.includes('Forged'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('call evil\\n2026-01-01 ERROR [Forged] injected \\u001b[31mred started');
    expect(output.text()).not.toContain('\u001b');
  });

  test("the library's listener-failure line escapes the call id", async ({ startHost }) => {
    @Injectable()
    class FailingListener {
      // The library's decorators hand every failure to its publisher, which logs it (warn).
      @OnCallStart()
      fail(): void {
        throw new Error('boom\n\u001b[2Jcleared');
      }
    }
    const harness = await startHost({}, { providers: [FailingListener] });
    const warnings: string[] = [];
    const capture: LoggerService = { log() {}, error() {}, warn: (message: string) => void warnings.push(message) };
    harness.app.useLogger(capture);

    expect((await harness.post(callStartNotification({ id: EVIL_ID }))).status).toBe(200);

    expect(warnings).toEqual([
      'A call.start listener failed for event call:evil\\n2026-01-01 ERROR [Forged] injected \\u001b[31mred:CallStart: boom\\n\\u001b[2Jcleared',
    ]);
  });
});
