/**
 * The names of the library's spans.
 * @publicApi
 */
export const CinnoxSpanName = {
  /** One webhook delivery that reached its hook's handler (validated): route, hook, outcome, event id. */
  Delivery: 'cinnox.delivery',
  /** One attempt of a queue job in the worker, a child of its delivery's span. */
  Job: 'cinnox.job',
  /** One listener called for one event, a child of the delivery's (or the job's) span. */
  Listener: 'cinnox.listener',
  /** One call to CINNOX's API, retries included: method, path template, status. */
  Api: 'cinnox.api',
} as const;

/**
 * Values a span attribute takes; an attribute whose value is undefined is left out.
 * @publicApi
 */
export type CinnoxSpanAttributes = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/**
 * One span of the library's work, as a `CinnoxTracer` gives it.
 * @publicApi
 */
export interface CinnoxSpan {
  /** Adds attributes (never a token, a phone number or a URL's query string: the library passes none). */
  setAttributes(attributes: CinnoxSpanAttributes): void;
  /** Marks the span failed with `message` (redacted by the caller) and the error's class name `type`. */
  fail(message: string, type?: string): void;
  end(): void;
  /**
   * The span's W3C `traceparent` (`00-<trace id>-<span id>-<flags>`), which a queue job carries so the worker's
   * spans join the delivery's trace; undefined when the span is not recorded.
   */
  readonly traceparent: string | undefined;
}

/**
 * Where the library's spans go: `cinnox.delivery` per webhook delivery, `cinnox.job` per queue job, a
 * `cinnox.listener` child per listener called, `cinnox.api` per call to CINNOX's API. `CinnoxModule` uses a
 * tracer that records nothing unless one is provided under this class (`CinnoxOtelModule` from
 * `nestjs-cinnox/otel` provides one on OpenTelemetry).
 * @publicApi
 */
export abstract class CinnoxTracer {
  /** False when spans are not recorded at all: the library then skips the work of making them. */
  abstract readonly enabled: boolean;

  /**
   * Starts span `name`. Its parent is `parent` (a span, or a W3C `traceparent` a queue job carried), or the
   * tracer's active span when there is none.
   */
  abstract startSpan(name: string, attributes: CinnoxSpanAttributes, parent?: CinnoxSpan | string): CinnoxSpan;

  /** Calls `fn` with `span` active, so spans host code starts inside (a listener's own calls) are its children. */
  abstract withSpan<T>(span: CinnoxSpan, fn: () => T): T;
}
