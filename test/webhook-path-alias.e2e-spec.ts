import { describe, expect } from 'vitest';
import { CINNOX_DEFAULT_HOOK_PATHS } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';

// Issue 20: `webhookPath` is the deprecated name of `hookPaths.call`; an app that still sets it keeps its route.

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('webhookPath (deprecated) over HTTP', () => {
  test('serves the call hook on the path it names, and nothing on the default one', async ({ startHost }) => {
    const host = await startHost({ webhookPath: 'crm/calls-in' });

    const moved = await post(`${host.url}/crm/calls-in`, callStartNotification({ id: 'moved' }));
    expect(moved.status).toBe(200);
    await expect.poll(() => host.events.map((event) => `${event.name} ${event.payload.callId}`)).toEqual(['call.start moved']);
    expect((await post(`${host.url}/${CINNOX_DEFAULT_HOOK_PATHS.call}`, callStartNotification())).status).toBe(404);
  });
});
