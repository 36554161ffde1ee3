import { BullModule } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CinnoxDedupeStore, CinnoxSpanName, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CinnoxOtelModule } from 'nestjs-cinnox/otel';
import { CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test as e2eTest, type E2eHost } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Tracing on (nestjs-cinnox/otel), spans kept by the in-memory exporter: what a delivery, inline and through
// the queue, and a call to CINNOX's API leave in a trace.

const reachable = await redisAvailable('the queue-mode tracing test');

const SECRET = 'webhook-secret-0123456789abcdef';
const CALLER = 85230001000;
const CALLEE = 85291234567;
const POLL = { timeout: 5000 };

/** Two listeners of call.start: one takes it, one fails (its span must say so). */
@Injectable()
class TracedListeners {
  @OnCallStart()
  taken(_event: CallStartEvent): void {}

  @OnCallStart({ suppressErrors: false })
  async failing(event: CallStartEvent): Promise<void> {
    await Promise.resolve();
    throw new TypeError(`no room for ${event.callId}`);
  }
}

/** A shared dedupe store whose server is gone: every claim fails. */
class UnreachableDedupeStore extends CinnoxDedupeStore {
  claim(): Promise<boolean> {
    return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
  }

  release(): void {}
}

// vitest reads a fixture's dependencies from its first parameter, which must be an object pattern, even an empty one.
// oxlint-disable-next-line no-empty-pattern
const test = e2eTest.extend('spans', async ({}, { onCleanup }) => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  onCleanup(() => provider.shutdown());
  return { exporter, provider, named: (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name) };
});

/** Everything a span carries that a backend would show, as text. */
const shown = (spans: ReadableSpan[]): string =>
  JSON.stringify(spans.map(({ name, attributes, events, status, links }) => ({ name, attributes, events, status, links })));

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

/** Posts a call start with the token, as CINNOX does. */
const deliver = (host: E2eHost, id: string) =>
  host.post(callStartNotification({ id, caller: { eid: 'staff-001', number: CALLER }, callees: { number: CALLEE } }), {
    query: `?token=${SECRET}`,
  });

describe('tracing (nestjs-cinnox/otel)', () => {
  test('an inline delivery is one trace: its cinnox.delivery span and a cinnox.listener child per listener', async ({
    startHost,
    spans,
  }) => {
    const host = await startHost(
      { webhook: { secret: SECRET } },
      { providers: [TracedListeners], imports: [CinnoxOtelModule.forRoot({ tracerProvider: spans.provider })] },
    );
    expect((await deliver(host, 'traced-inline')).status).toBe(200);

    // The two listeners above and the fixture's onAny recorder.
    await expect.poll(() => spans.named(CinnoxSpanName.Listener).length, POLL).toBe(3);
    const [delivery] = spans.named(CinnoxSpanName.Delivery);
    const listeners = spans.named(CinnoxSpanName.Listener);
    expect(spans.named(CinnoxSpanName.Delivery)).toHaveLength(1);
    expect(delivery!.attributes).toEqual({
      'cinnox.hook': 'call',
      'cinnox.route': '/cinnox/webhooks/call-events',
      'cinnox.event_id': 'call:traced-inline:CallStart',
      'cinnox.outcome': 'accepted',
    });
    const traceId = delivery!.spanContext().traceId;
    for (const listener of listeners) {
      expect(listener.spanContext().traceId).toBe(traceId);
      expect(parentOf(listener)).toBe(delivery!.spanContext().spanId);
      expect(listener.attributes).toMatchObject({ 'cinnox.event': 'call.start', 'cinnox.event_id': 'call:traced-inline:CallStart' });
    }
    expect(listeners.map((listener) => Number(listener.attributes['cinnox.listener'])).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    const failed = listeners.filter((listener) => listener.status.code === 2);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.events.map(({ name, attributes }) => ({ name, attributes }))).toEqual([
      { name: 'exception', attributes: { 'exception.type': 'TypeError', 'exception.message': 'no room for traced-inline' } },
    ]);

    const text = shown(spans.exporter.getFinishedSpans());
    for (const secret of [SECRET, String(CALLER), String(CALLEE), '?token', 'token=']) expect(text).not.toContain(secret);
  });

  test('a redelivery is a cinnox.delivery span of its own, outcome duplicate, with no listener under it', async ({ startHost, spans }) => {
    const host = await startHost({}, { imports: [CinnoxOtelModule.forRoot({ tracerProvider: spans.provider })] });
    const notification = callStartNotification({ id: 'traced-twice' });
    for (let i = 0; i < 2; i++) expect((await host.post(notification)).status).toBe(200);

    await expect.poll(() => spans.named(CinnoxSpanName.Delivery).length, POLL).toBe(2);
    const [first, second] = spans.named(CinnoxSpanName.Delivery);
    expect([first!.attributes['cinnox.outcome'], second!.attributes['cinnox.outcome']]).toEqual(['accepted', 'duplicate']);
    expect(spans.named(CinnoxSpanName.Listener).map(parentOf)).toEqual([first!.spanContext().spanId]);
  });

  test('a delivery its dedupe store cannot claim is a failed cinnox.delivery span, outcome unavailable (503)', async ({
    startHost,
    spans,
  }) => {
    const host = await startHost(
      { webhook: { dedupeStore: new UnreachableDedupeStore() } },
      { imports: [CinnoxOtelModule.forRoot({ tracerProvider: spans.provider })] },
    );
    expect((await host.post(callStartNotification({ id: 'traced-unclaimed' }))).status).toBe(503);

    await expect.poll(() => spans.named(CinnoxSpanName.Delivery).length, POLL).toBe(1);
    const [delivery] = spans.named(CinnoxSpanName.Delivery);
    expect(delivery!.attributes).toMatchObject({ 'cinnox.outcome': 'unavailable', 'cinnox.status': 503 });
    expect(delivery!.status.code).toBe(2);
    expect(spans.named(CinnoxSpanName.Listener)).toEqual([]);
  });

  test('a subscription call is a cinnox.api span: method, path template, status, no token', async ({ startHost, spans }) => {
    const host = await startHost(
      { webhook: { secret: SECRET } },
      { imports: [CinnoxOtelModule.forRoot({ tracerProvider: spans.provider })] },
    );
    await host.subscribe();

    await expect.poll(() => spans.named(CinnoxSpanName.Api).length, POLL).toBe(1);
    const [api] = spans.named(CinnoxSpanName.Api);
    expect(api!.attributes).toEqual({
      'http.request.method': 'PATCH',
      'url.template': '/v1/api/apps/{appId}/call-event-sub',
      'cinnox.hook': 'call',
      'http.response.status_code': 200,
      'cinnox.api.attempts': 1,
    });
    expect(api!.kind).toBe(2); // CLIENT
    expect(shown([api!])).not.toContain(SECRET);
  });

  test('without CinnoxOtelModule nothing is traced', async ({ startHost, spans }) => {
    const host = await startHost({}, { providers: [TracedListeners] });
    expect((await deliver(host, 'untraced')).status).toBe(200);
    await expect.poll(() => host.count('call.start'), POLL).toBe(1);
    await host.subscribe();
    expect(spans.exporter.getFinishedSpans()).toEqual([]);
  });

  describe.skipIf(!reachable)('queue mode (BullMQ on the real Redis)', () => {
    const prefix = `cinnox-test-${randomUUID()}`;
    afterAll(() => deleteRedisKeys(`${prefix}:*`));

    test("a queued delivery's job and listeners join its trace: delivery -> job -> listeners", async ({ startHost, spans }) => {
      const host = await startHost(
        { webhook: { secret: SECRET } },
        {
          providers: [TracedListeners],
          imports: [
            BullModule.forRoot({ connection: redisConnection(), prefix }),
            // One attempt: the failing listener fails the job once, and no retry adds spans.
            CinnoxQueueModule.forRoot({ attempts: 1 }),
            CinnoxOtelModule.forRoot({ tracerProvider: spans.provider }),
          ],
        },
      );
      expect((await deliver(host, 'traced-queued')).status).toBe(200);

      await expect.poll(() => spans.named(CinnoxSpanName.Job).length, POLL).toBe(1);
      const [delivery] = spans.named(CinnoxSpanName.Delivery);
      const [job] = spans.named(CinnoxSpanName.Job);
      const listeners = spans.named(CinnoxSpanName.Listener);
      expect(delivery!.attributes).toMatchObject({ 'cinnox.outcome': 'accepted', 'cinnox.event_id': 'call:traced-queued:CallStart' });
      expect(job!.attributes).toMatchObject({
        'cinnox.hook': 'call',
        'cinnox.event_id': 'call:traced-queued:CallStart',
        'cinnox.attempt': 1,
      });
      expect(job!.kind).toBe(4); // CONSUMER
      expect(job!.status.code).toBe(2);
      expect(listeners).toHaveLength(3);
      const traceId = delivery!.spanContext().traceId;
      expect([job!, ...listeners].map((span) => span.spanContext().traceId)).toEqual(Array(4).fill(traceId));
      expect(parentOf(job!)).toBe(delivery!.spanContext().spanId);
      expect(listeners.map(parentOf)).toEqual(Array(3).fill(job!.spanContext().spanId));

      const text = shown(spans.exporter.getFinishedSpans());
      for (const secret of [SECRET, String(CALLER), String(CALLEE), '?token', 'token=']) expect(text).not.toContain(secret);
    });
  });
});
