import type { Logger } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CinnoxWebhookGate } from './cinnox-webhook-gate.js';
import { readJsonBody } from './read-json-body.js';
import { WebhookRejection } from './webhook-rejection.js';

type ExpressRequest = IncomingMessage & { body?: unknown; _body?: boolean; path?: string; ip?: string };

/**
 * On Express, a middleware added before Nest's body parsers reads the webhook's body itself and marks
 * the request parsed (body-parser's `_body` flag), so the global parser leaves it alone.
 */
export function installExpressEdge(adapter: AbstractHttpAdapter, gate: CinnoxWebhookGate, logger: Logger): void {
  adapter.use((req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void) => {
    if (req.method !== 'POST' || !gate.matches(req.path ?? (req.url ?? '/').split('?', 1)[0]!)) return next();
    const refused = gate.admit(req.ip ?? req.socket.remoteAddress, req.url, req.headers['content-type']);
    const accepted = refused ? Promise.reject(refused) : readJsonBody(req, gate.bodyLimit);
    accepted
      .then(
        (body) => {
          req.body = body;
          req._body = true;
          next();
        },
        (error: unknown) => {
          if (!(error instanceof WebhookRejection)) return next(error);
          if (error.status === 413) res.setHeader('Connection', 'close');
          adapter.reply(res, gate.answer(error), error.status);
        },
      )
      // Nothing above should throw; if it does, it is logged rather than left unhandled.
      .catch((error: unknown) => logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  });
}
