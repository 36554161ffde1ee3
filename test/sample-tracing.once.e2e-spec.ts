import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect } from 'vitest';
import { ModuleRef } from '@nestjs/core';
import { CinnoxTracer } from 'nestjs-cinnox';
import { test as e2eTest } from './support/e2e.fixture.js';

// The sample exports the library's spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set, to a real
// HTTP receiver here, and traces nothing otherwise.

const SECRET = 'sample-tracing-secret-0123456789';
// Every number the embedded demo calls with (src/embedded/demo-calls.service.ts), as digits.
const DEMO_NUMBERS = ['85230001000', '85230001001', '85230001002', '85291234567', '85291230007', '85291230008'];

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP (JSON) receiver on 127.0.0.1:0: every body posted to /v1/traces, raw and parsed. */
// vitest reads a fixture's dependencies from its first parameter, which must be an object pattern, even an empty one.
// oxlint-disable-next-line no-empty-pattern
const test = e2eTest.extend('collector', async ({}, { onCleanup }) => {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const spans = (): OtlpSpan[] =>
    bodies.flatMap((body) =>
      (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((resource) =>
        resource.scopeSpans.flatMap((scope) => scope.spans),
      ),
    );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, spans };
});

const attribute = (span: OtlpSpan, key: string): unknown => Object.values(span.attributes.find((one) => one.key === key)?.value ?? {})[0];

describe('the sample over OTLP', () => {
  test('with OTEL_EXPORTER_OTLP_ENDPOINT it exports deliveries, listeners and API calls, no token or phone number', async ({
    startSample,
    collector,
  }) => {
    const sample = await startSample({
      CINNOX_DEMO_INTERVAL_MS: '300',
      CINNOX_WEBHOOK_SECRET: SECRET,
      OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`,
      OTEL_SERVICE_NAME: 'sample-under-test',
    });
    await expect.poll(() => sample.count('call.end'), { timeout: 10_000 }).toBeGreaterThan(0);
    // Closing flushes the batch.
    await sample.close();

    const spans = collector.spans();
    const deliveries = spans.filter((span) => span.name === 'cinnox.delivery' && attribute(span, 'cinnox.outcome') === 'accepted');
    expect(deliveries.length).toBeGreaterThan(0);
    expect(attribute(deliveries[0]!, 'cinnox.route')).toMatch(/^\/cinnox\/webhooks\/[a-z-]+-events$/);
    const listener = spans.find((span) => span.name === 'cinnox.listener')!;
    expect(deliveries.map((span) => span.spanId)).toContain(listener.parentSpanId);
    expect(spans.filter((span) => span.name === 'cinnox.api').map((span) => attribute(span, 'http.response.status_code'))).toContain(200);
    expect(collector.bodies.join()).toContain('sample-under-test');
    for (const secret of [SECRET, ...DEMO_NUMBERS, '?token', 'token=']) expect(collector.bodies.join()).not.toContain(secret);
  });

  test('without it nothing is traced: no tracer is provided', async ({ startSample }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '0' });
    // Through ModuleRef: the app's own get() exits the process on a missing provider (abortOnError).
    const moduleRef = sample.app.get(ModuleRef);
    expect(() => moduleRef.get(CinnoxTracer, { strict: false })).toThrow(/could not find CinnoxTracer/);
  });
});
