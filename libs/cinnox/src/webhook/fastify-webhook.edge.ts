import type { AbstractHttpAdapter } from '@nestjs/core';
import type { CinnoxWebhookGate } from './cinnox-webhook-gate.js';
import { WebhookRejection } from './webhook-rejection.js';

// Structural types of the few Fastify APIs used, so the library needs no Fastify import.
interface FastifyRequestLike {
  ip?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: unknown): unknown;
}
type Hook = (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void;
interface RouteOptionsLike {
  url: string;
  method: string | string[];
  bodyLimit?: number;
  onRequest?: Hook | Hook[];
  errorHandler?: (error: unknown, request: FastifyRequestLike, reply: FastifyReplyLike) => void;
}
interface FastifyLike {
  addHook(name: 'onRoute', hook: (route: RouteOptionsLike) => void): void;
}

/**
 * On Fastify, an `onRoute` hook (added before Nest registers routes) gives the webhook route its own body
 * limit, an `onRequest` check that runs before the body is read, and an error handler that answers
 * parser errors (malformed JSON, too large, empty) in CINNOX's shape.
 */
export function installFastifyEdge(adapter: AbstractHttpAdapter, gate: CinnoxWebhookGate): void {
  const instance = adapter.getInstance<FastifyLike>();
  instance.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || !gate.matches(route.url)) return;
    const send = (reply: FastifyReplyLike, rejection: WebhookRejection) =>
      reply.code(rejection.status).header('content-type', 'application/json; charset=utf-8').send(gate.answer(rejection));
    const admit: Hook = (request, reply, done) => {
      const header = request.headers['content-type'];
      const refused = gate.admit(request.ip, request.url, Array.isArray(header) ? header[0] : header);
      if (refused) return void send(reply, refused);
      done();
    };
    route.bodyLimit = gate.bodyLimit;
    route.onRequest = [admit, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())];
    const fallback = route.errorHandler;
    route.errorHandler = (error, request, reply) => {
      const rejection = WebhookRejection.fromParser(error);
      if (rejection) return void send(reply, rejection);
      if (fallback) return fallback(error, request, reply);
      throw error;
    };
  });
}
