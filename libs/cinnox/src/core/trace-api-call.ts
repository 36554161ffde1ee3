import { CinnoxSpanName, type CinnoxSpanAttributes, type CinnoxTracer } from './cinnox-tracer.js';

/** What a client of CINNOX's API tells of one call for its span. */
export interface CinnoxApiCall {
  readonly method: string;
  /** The path with its variable parts named, never filled in and never with a query string (`/v1/api/apps/{appId}/…`). */
  readonly pathTemplate: string;
  /** More attributes (the hook, say): nothing secret, no phone number. */
  readonly attributes?: CinnoxSpanAttributes;
}

/**
 * Runs `send` (one call to CINNOX's API, its retries included) in a `cinnox.api` span: every client of the
 * API (subscriptions, reports) calls it around each request. `send` resolves to the last response whatever its
 * status; a rejection (nothing answered) fails the span with the error's message, which the client has
 * already redacted.
 */
export async function traceApiCall<T extends { readonly status: number; readonly attempts?: number }>(
  tracer: CinnoxTracer,
  call: CinnoxApiCall,
  send: () => Promise<T>,
): Promise<T> {
  if (!tracer.enabled) return send();
  const span = tracer.startSpan(CinnoxSpanName.Api, {
    'http.request.method': call.method,
    'url.template': call.pathTemplate,
    ...call.attributes,
  });
  try {
    const response = await tracer.withSpan(span, send);
    span.setAttributes({ 'http.response.status_code': response.status, 'cinnox.api.attempts': response.attempts });
    if (response.status >= 400) span.fail(`CINNOX answered ${response.status}`, 'CinnoxApiError');
    return response;
  } catch (error) {
    span.setAttributes({ 'cinnox.api.attempts': (error as { attempts?: number }).attempts });
    span.fail(error instanceof Error ? error.message : String(error), error instanceof Error ? error.name : typeof error);
    throw error;
  } finally {
    span.end();
  }
}
