import { describe, expect } from 'vitest';
import { CinnoxStatus } from 'nestjs-cinnox';
import { test, webhookUrlOf } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';

// Issue 20: `subscription.url` keeps its meaning, the call hook's whole URL; an app with other hooks needs `publicUrl`.

describe("subscription.url is the call hook's URL only", () => {
  test('subscribes the call hook there; another hook without publicUrl fails, naming subscription.publicUrl', async ({
    simulator,
    startHost,
  }) => {
    const logger = new LogRecorder();
    const host = await startHost(
      { hooks: ['call', 'recording'], subscription: { url: webhookUrlOf, backoff: { initialDelayMs: 20, maxDelayMs: 100 } } },
      { logger },
    );
    const status = host.app.get(CinnoxStatus);

    await expect.poll(() => status.lifecycle('call')?.state).toBe('active');
    expect(simulator.subscription('call')?.url).toBe(host.webhookUrl);
    expect(status.lifecycle('recording')).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('"subscription.publicUrl" is needed for the "recording" hook'),
    });
    expect(simulator.subscription('recording')).toBeUndefined();
    expect(logger.lines.some((line) => line.level === 'error' && line.message.includes('"subscription.publicUrl"'))).toBe(true);
  });
});
