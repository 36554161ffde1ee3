import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect } from 'vitest';
import { CinnoxApiError } from 'nestjs-cinnox';
import { test } from './support/e2e.fixture.js';

// Issue 10, defect 4: a redirect on the subscription PATCH would re-send the body, with the webhook URL's
// ?token=, to wherever the Location points. It must not be followed.

const SECRET = 'redirect-secret-0123456789';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each([307, 308])('CINNOX answering %i', (status) => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  test('is a CinnoxApiError and the other host is never called', async ({ startHost }) => {
    const elsewhere: string[] = [];
    const other = createServer((req, res) => {
      elsewhere.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":0}');
    });
    const otherUrl = await listen(other);
    const redirecting = createServer((req, res) => res.writeHead(status, { Location: `${otherUrl}${req.url}` }).end());
    servers.push(other, redirecting);
    const harness = await startHost({ baseUrl: await listen(redirecting), webhook: { secret: SECRET } });

    const error = await harness.subscriptions.subscribe(`${harness.url}/cinnox/webhooks/call-events`).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect((error as Error).message).toContain(`redirect (HTTP ${status} to ${otherUrl}/v1/api/apps/`);
    expect((error as Error).message).toContain('it was not followed');
    expect(elsewhere).toEqual([]);
  });
});
