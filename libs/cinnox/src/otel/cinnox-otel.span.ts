import { SpanStatusCode, context, isSpanContextValid, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { CinnoxSpan, CinnoxSpanAttributes } from '../core/cinnox-tracer.js';

/** The attributes with a value: OpenTelemetry refuses (and warns about) undefined ones. No copy when all have one. */
export function definedAttributes(attributes: CinnoxSpanAttributes): Attributes {
  let defined: Attributes | undefined;
  for (const key in attributes) {
    if (attributes[key] !== undefined) continue;
    defined = {};
    for (const name in attributes) if (attributes[name] !== undefined) defined[name] = attributes[name] as Attributes[string];
    return defined;
  }
  return attributes as Attributes;
}

/** A library span over an OpenTelemetry span. */
export class CinnoxOtelSpan implements CinnoxSpan {
  private active?: Context;

  constructor(readonly span: Span) {}

  /** The context with this span active, made once: it parents every listener's span of a delivery. */
  get context(): Context {
    return (this.active ??= trace.setSpan(context.active(), this.span));
  }

  setAttributes(attributes: CinnoxSpanAttributes): void {
    this.span.setAttributes(definedAttributes(attributes));
  }

  // The message only, no stack: a stack names the host's files, and the message is all the library redacted.
  fail(message: string, type = 'Error'): void {
    this.span.recordException({ name: type, message });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message });
  }

  end(): void {
    this.span.end();
  }

  // Written here rather than by the global propagator: the job's field is W3C's whatever propagator the host set up.
  get traceparent(): string | undefined {
    const context = this.span.spanContext();
    if (!isSpanContextValid(context)) return undefined;
    return `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
  }
}
