import { afterEach, describe, expect, it } from 'vitest';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { startHarness, type Harness } from './support/library-harness.js';

const SECRET = 'webhook-secret-0123456789abcdef';

describe('webhook delivery authentication', () => {
  let harness: Harness;
  afterEach(() => harness?.close());

  describe('with webhook.secret', () => {
    it('registers the URL with ?token= and passes the challenge, but never shows the token back', async () => {
      harness = await startHarness({ webhook: { secret: SECRET } });
      const subscription = await harness.subscriptions.subscribe(harness.webhookUrl);

      expect(subscription.url).toBe(harness.webhookUrl);
      expect(new URL(harness.simulator.subscription()!.url).searchParams.get('token')).toBe(SECRET);
      expect(harness.simulator.deliveries[0]).toMatchObject({ status: 200, response: { code: 0 } });
    });

    it('delivers notifications that carry the token', async () => {
      harness = await startHarness({ webhook: { secret: SECRET } });
      await harness.subscriptions.subscribe(harness.webhookUrl);
      const delivery = await harness.simulator.placeCall();

      expect(delivery.status).toBe(200);
      expect(harness.events.map((event) => event.name)).toEqual(['call.start']);
    });

    it.each([
      ['no token', ''],
      ['a wrong token', '?token=wrong-secret-0123456789abcdef'],
      ['an empty token', '?token='],
      ['the token in another parameter', `?secret=${SECRET}`],
    ])('answers 401 in CINNOX shape to %s, and emits nothing', async (_, query) => {
      harness = await startHarness({ webhook: { secret: SECRET } });
      const response = await harness.post(callStartNotification(), { query });

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 401, message: expect.stringContaining('token') });
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
      expect(harness.events).toEqual([]);
    });

    it('rejects a stranger before reading the body (401, not 413 or 400)', async () => {
      harness = await startHarness({ webhook: { secret: SECRET } });
      const huge = await harness.post('x'.repeat(200_000));
      const malformed = await harness.post('{"message":', { contentType: 'text/plain' });

      expect(huge.status).toBe(401);
      expect(malformed.status).toBe(401);
    });
  });

  describe('with webhook.allowedSources', () => {
    it('answers 403 to a source outside the list', async () => {
      harness = await startHarness({ webhook: { allowedSources: ['10.0.0.0/8', '2001:db8::/32'] } });
      const response = await harness.post({ challenge: 'c' });

      expect(response).toEqual({ status: 403, body: { code: 403, message: expect.stringContaining('allowedSources') } });
    });

    it('accepts a source inside the list', async () => {
      harness = await startHarness({ webhook: { allowedSources: ['10.0.0.0/8', '127.0.0.0/8'] } });
      const response = await harness.post({ challenge: 'c' });

      expect(response).toEqual({ status: 200, body: { code: 0, result: { challenge: 'c' } } });
    });
  });
});
