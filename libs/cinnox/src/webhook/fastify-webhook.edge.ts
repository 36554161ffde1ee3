import type { Logger } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { bodyTooLarge, webhookBodyTimeout } from '../cinnox.messages.js';
import type { CinnoxWebhookGate } from './cinnox-webhook.gate.js';
import { JsonWidthMeter } from './json-width-meter.js';
import { markAdmitted } from './webhook-admission.js';
import { WebhookRejection } from './webhook-rejection.js';

// Structural types of the few Fastify APIs used, so the library needs no Fastify import.
interface FastifyRequestLike {
  ip?: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: IncomingMessage;
}
interface FastifyReplyLike {
  sent: boolean;
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: unknown): unknown;
}
type Hook = (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void;
type ParsingHook = (
  request: FastifyRequestLike,
  reply: FastifyReplyLike,
  payload: Readable,
  done: (error: Error | null, payload?: Readable) => void,
) => void;
interface RouteOptionsLike {
  url: string;
  method: string | string[];
  bodyLimit?: number;
  onRequest?: Hook | Hook[];
  preParsing?: ParsingHook | ParsingHook[];
  onResponse?: Hook | Hook[];
  errorHandler?: (error: unknown, request: FastifyRequestLike, reply: FastifyReplyLike) => void;
}
interface FastifyLike {
  addHook(name: 'onRoute', hook: (route: RouteOptionsLike) => void): void;
}

const BODY_TIMER = Symbol('cinnox:body-timer');
type TimedRequest = FastifyRequestLike & { [BODY_TIMER]?: NodeJS.Timeout };

/**
 * On Fastify, an `onRoute` hook (added before Nest registers routes) gives the webhook route its own body
 * limit and body deadline, an `onRequest` check that runs before the body is read, and an error handler
 * that answers parser errors (malformed JSON, too large, empty) in CINNOX's shape. The hooks belong to the
 * route itself, so every spelling the router matches passes them.
 */
export function installFastifyEdge(adapter: AbstractHttpAdapter, gate: CinnoxWebhookGate, logger: Logger): void {
  const instance = adapter.getInstance<FastifyLike>();
  instance.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Only the library's own routes get the hooks below (the content-type rewrite among them): Nest registers
    // them at exactly the gate's path, and Fastify's own options (ignoreTrailingSlash...) route other spellings to them.
    const hook = methods.includes('POST') ? gate.route(route.url) : undefined;
    if (!hook) return;
    const send = (reply: FastifyReplyLike, rejection: WebhookRejection) => {
      if (reply.sent) return;
      if (rejection.status === 408 || rejection.status === 413) reply.header('connection', 'close');
      reply.code(rejection.status).header('content-type', 'application/json; charset=utf-8').send(gate.answer(rejection, hook));
    };
    const admit: Hook = (request, reply, done) => {
      const refused = gate.admit(request.ip, request.url, request.headers);
      if (refused) return send(reply, refused);
      // Fastify picks its parser by media type; every JSON type the gate admits is read as JSON.
      request.headers['content-type'] = 'application/json';
      (request as TimedRequest)[BODY_TIMER] = setTimeout(() => {
        send(reply, new WebhookRejection(408, webhookBodyTimeout(gate.bodyTimeoutMs)));
        request.raw.socket.destroySoon();
      }, gate.bodyTimeoutMs);
      markAdmitted(request, hook.name);
      done();
    };
    const stopTimer: Hook = (request, _reply, done) => {
      clearTimeout((request as TimedRequest)[BODY_TIMER]);
      done();
    };
    route.bodyLimit = gate.bodyLimit;
    // Fastify parses before any handler runs: the body is metered as Fastify's own reader receives it, so a
    // body too wide to be a notification is refused before JSON.parse pays for it. Last of the route's
    // preParsing hooks, so Fastify's reader listens from the same tick (the stream cannot flow past it) and
    // reads whatever stream the host's hooks made.
    const meter: ParsingHook = (request, _reply, payload, done) => {
      const width = new JsonWidthMeter();
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        // Past the body limit, Fastify's reader answers 413 for this same chunk: the meter leaves it that.
        if (size > gate.bodyLimit || width.write(chunk)) return;
        payload.removeListener('data', onData);
        const error = Object.assign(new Error(width.problem), { statusCode: 400 });
        // Fastify's reader takes an error of its stream as the body's failure, answered by the route's error
        // handler. A host's own JSON parser may not listen for one: then the request is cut instead.
        if (payload.listenerCount('error') > 0) payload.emit('error', error);
        else payload.destroy(error);
      };
      payload.on('data', onData);
      payload.once('end', () => clearTimeout((request as TimedRequest)[BODY_TIMER]));
      done(null, payload);
    };
    route.onRequest = [admit, ...asList(route.onRequest)];
    route.preParsing = [...asList(route.preParsing), meter];
    // A response sent before the body ended (a refusal) stops the deadline too: it must not cut a kept-alive socket later.
    route.onResponse = [stopTimer, ...asList(route.onResponse)];
    const fallback = route.errorHandler;
    route.errorHandler = (error, request, reply) => {
      clearTimeout((request as TimedRequest)[BODY_TIMER]);
      // Fastify's reader enforces the body limit; the answer names it as the Express edge's does.
      const rejection =
        (error as { code?: unknown } | null)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? WebhookRejection.body(413, bodyTooLarge(gate.bodyLimit))
          : WebhookRejection.fromParser(error);
      if (rejection?.aborted) return logger.debug(rejection.message);
      if (rejection) return send(reply, rejection);
      if (fallback) return fallback(error, request, reply);
      // Not the sender's fault (a host hook or parser failed): CINNOX's shape and a counted outcome, as on Express.
      const internal = WebhookRejection.internal(error);
      logger.error(internal.logLine);
      send(reply, internal);
    };
  });
}

const asList = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : ([hooks].flat() as T[]));
