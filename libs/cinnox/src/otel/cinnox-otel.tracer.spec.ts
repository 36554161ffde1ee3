import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { CinnoxNoopTracer } from '../core/cinnox-noop.tracer.js';
import { CinnoxOtelTracer } from './cinnox-otel.tracer.js';

function tracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, tracer: new CinnoxOtelTracer(provider.getTracer('spec')) };
}

describe('CinnoxOtelTracer', () => {
  it("writes a span's traceparent in W3C's form and starts a child of the one a job carried", () => {
    const { tracer: otel, exporter } = tracer();
    const delivery = otel.startSpan('cinnox.delivery', {});
    const traceparent = delivery.traceparent!;
    delivery.end();
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    otel.startSpan('cinnox.job', {}, traceparent).end();
    const [, job] = exporter.getFinishedSpans();
    expect(job!.spanContext().traceId).toBe(traceparent.split('-')[1]);
    expect(job!.parentSpanContext).toMatchObject({ spanId: traceparent.split('-')[2], isRemote: true });
  });

  it.each([
    ['not W3C', 'garbage'],
    ['another version', `01-${'a'.repeat(32)}-${'b'.repeat(16)}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${'b'.repeat(16)}-01`],
  ])('starts a trace of its own from a traceparent that is %s', (_what, traceparent) => {
    const { tracer: otel, exporter } = tracer();
    otel.startSpan('cinnox.job', {}, traceparent).end();
    expect(exporter.getFinishedSpans()[0]!.parentSpanContext).toBeUndefined();
  });

  it('leaves attributes without a value out, and records a failure as an exception without a stack', () => {
    const { tracer: otel, exporter } = tracer();
    const span = otel.startSpan('cinnox.delivery', { 'cinnox.hook': 'call', 'cinnox.route': undefined });
    span.setAttributes({ 'cinnox.outcome': 'refused', 'cinnox.status': undefined });
    span.fail('bad body', 'BadRequestException');
    span.end();
    const [recorded] = exporter.getFinishedSpans();
    expect(recorded!.attributes).toEqual({ 'cinnox.hook': 'call', 'cinnox.outcome': 'refused' });
    expect(recorded!.status).toEqual({ code: 2, message: 'bad body' });
    expect(recorded!.events.map((event) => event.attributes)).toEqual([
      { 'exception.type': 'BadRequestException', 'exception.message': 'bad body' },
    ]);
  });

  it('makes a span of another tracer no parent: it calls through, and its children start where they would', () => {
    const { tracer: otel, exporter } = tracer();
    const foreign = new CinnoxNoopTracer().startSpan();
    expect(otel.withSpan(foreign, () => 42)).toBe(42);
    otel.startSpan('cinnox.listener', {}, foreign).end();
    expect(exporter.getFinishedSpans()[0]!.parentSpanContext).toBeUndefined();
  });
});
