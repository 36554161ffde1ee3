import { describe, expect } from 'vitest';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';

const SECRET = 'webhook-secret-0123456789abcdef';

describe('webhook delivery authentication', () => {
  describe('with webhook.secret', () => {
    test('registers the URL with ?token= and passes the challenge, but never shows the token back', async ({ simulator, startHost }) => {
      const harness = await startHost({ webhook: { secret: SECRET } });
      const subscription = await harness.subscribe();

      expect(subscription.url).toBe(harness.webhookUrl);
      expect(new URL(simulator.subscription()!.url).searchParams.get('token')).toBe(SECRET);
      expect(simulator.deliveries[0]).toMatchObject({ status: 200, response: { code: 0 } });
    });

    test('delivers notifications that carry the token', async ({ simulator, startHost }) => {
      const harness = await startHost({ webhook: { secret: SECRET } });
      await harness.subscribe();
      const delivery = await simulator.placeCall();

      expect(delivery.status).toBe(200);
      expect(harness.events.map((event) => event.name)).toEqual(['call.start']);
    });

    test.for([
      ['no token', ''],
      ['a wrong token', '?token=wrong-secret-0123456789abcdef'],
      ['an empty token', '?token='],
      ['the token in another parameter', `?secret=${SECRET}`],
    ])('answers 401 in CINNOX shape to %s, and emits nothing', async ([, query], { startHost }) => {
      const harness = await startHost({ webhook: { secret: SECRET } });
      const response = await harness.post(callStartNotification(), { query });

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 401, message: expect.stringContaining('token') });
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
      expect(harness.events).toEqual([]);
    });

    test('rejects a stranger before reading the body (401, not 413 or 400)', async ({ startHost }) => {
      const harness = await startHost({ webhook: { secret: SECRET } });
      const huge = await harness.post('x'.repeat(200_000));
      const malformed = await harness.post('{"message":', { contentType: 'text/plain' });

      expect(huge.status).toBe(401);
      expect(malformed.status).toBe(401);
    });
  });

  describe('with webhook.allowedSources', () => {
    test('answers 403 to a source outside the list', async ({ startHost }) => {
      const harness = await startHost({ webhook: { allowedSources: ['10.0.0.0/8', '2001:db8::/32'] } });
      const response = await harness.post({ challenge: 'c' });

      expect(response).toEqual({ status: 403, body: { code: 403, message: expect.stringContaining('allowedSources') } });
    });

    test('accepts a source inside the list', async ({ startHost }) => {
      const harness = await startHost({ webhook: { allowedSources: ['10.0.0.0/8', '127.0.0.0/8'] } });
      const response = await harness.post({ challenge: 'c' });

      expect(response).toEqual({ status: 200, body: { code: 0, result: { challenge: 'c' } } });
    });
  });
});
