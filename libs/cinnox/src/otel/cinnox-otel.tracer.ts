import { context, SpanKind, trace, isSpanContextValid, type Context, type Tracer } from '@opentelemetry/api';
import { CinnoxSpanName, CinnoxTracer, type CinnoxSpan, type CinnoxSpanAttributes } from '../core/cinnox-tracer.js';
import { CinnoxOtelSpan, definedAttributes } from './cinnox-otel.span.js';

// W3C trace context, version 00: https://www.w3.org/TR/trace-context/#traceparent-header
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

const KINDS: Readonly<Record<string, SpanKind>> = {
  [CinnoxSpanName.Job]: SpanKind.CONSUMER,
  [CinnoxSpanName.Api]: SpanKind.CLIENT,
};

/** The library's spans as OpenTelemetry spans of `tracer`. */
export class CinnoxOtelTracer extends CinnoxTracer {
  readonly enabled = true;

  constructor(private readonly tracer: Tracer) {
    super();
  }

  startSpan(name: string, attributes: CinnoxSpanAttributes, parent?: CinnoxSpan | string): CinnoxSpan {
    const span = this.tracer.startSpan(
      name,
      { kind: KINDS[name] ?? SpanKind.INTERNAL, attributes: definedAttributes(attributes) },
      parentContext(parent),
    );
    return new CinnoxOtelSpan(span);
  }

  withSpan<T>(span: CinnoxSpan, fn: () => T): T {
    return span instanceof CinnoxOtelSpan ? context.with(span.context, fn) : fn();
  }
}

// A span of this tracer, a queue job's traceparent, or (neither, or a traceparent not W3C's) the active context.
function parentContext(parent: CinnoxSpan | string | undefined): Context {
  const active = context.active();
  if (parent instanceof CinnoxOtelSpan) return parent.context;
  if (typeof parent !== 'string') return active;
  const [, traceId, spanId, flags] = TRACEPARENT.exec(parent) ?? [];
  if (traceId === undefined || spanId === undefined || flags === undefined) return active;
  const remote = { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
  return isSpanContextValid(remote) ? trace.setSpanContext(active, remote) : active;
}
