import { CinnoxTracer, type CinnoxSpan } from './cinnox-tracer.js';

const NOOP_SPAN: CinnoxSpan = Object.freeze({
  setAttributes: () => undefined,
  fail: () => undefined,
  end: () => undefined,
  traceparent: undefined,
});

/** The tracer `CinnoxModule` uses when the host provides none: records nothing. */
export class CinnoxNoopTracer extends CinnoxTracer {
  readonly enabled = false;

  startSpan(): CinnoxSpan {
    return NOOP_SPAN;
  }

  withSpan<T>(_span: CinnoxSpan, fn: () => T): T {
    return fn();
  }
}
