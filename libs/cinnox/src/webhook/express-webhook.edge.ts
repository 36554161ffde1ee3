import type { Logger } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CinnoxWebhookGate } from './cinnox-webhook.gate.js';
import { readJsonBody } from './read-json-body.js';
import { markAdmitted } from './webhook-admission.js';
import { WebhookRejection } from './webhook-rejection.js';

type ExpressRequest = IncomingMessage & { body?: unknown; _body?: boolean; path?: string; ip?: string };

// Express 5's router keeps the app's `case sensitive routing` and `strict routing` settings as these flags.
interface ExpressRouterLike {
  caseSensitive?: boolean;
  strict?: boolean;
}

/**
 * On Express, a middleware added before Nest's body parsers reads the webhook's body itself and marks
 * the request parsed (body-parser's `_body` flag), so the global parser leaves it alone. The gate matches
 * paths as the app's router does (any letter case and a trailing slash by default), so it takes the
 * requests routed to the webhook and no host route's.
 */
export function installExpressEdge(adapter: AbstractHttpAdapter, gate: CinnoxWebhookGate, logger: Logger): void {
  const router = adapter.getInstance<{ router?: ExpressRouterLike }>().router ?? {};
  const routing = { ignoreCase: router.caseSensitive !== true, strict: router.strict === true };
  adapter.use((req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void) => {
    const hook = req.method === 'POST' ? gate.match(req.path ?? (req.url ?? '/').split('?', 1)[0]!, routing) : undefined;
    if (!hook) return next();
    const refused = gate.admit(req.ip ?? req.socket.remoteAddress, req.url, req.headers);
    const accepted = refused ? Promise.reject(refused) : readJsonBody(req, gate.bodyLimit, gate.bodyTimeoutMs);
    accepted
      .then(
        (body) => {
          req.body = body;
          req._body = true;
          markAdmitted(req, hook.name);
          next();
        },
        (error: unknown) => {
          // Not the sender's fault either (a stream a host middleware read first, raw-body's own 500s): still
          // CINNOX's JSON shape and a counted outcome, never Express's error page.
          const rejection = WebhookRejection.fromParser(error) ?? WebhookRejection.internal(error);
          if (rejection.aborted) return logger.debug(rejection.message);
          if (rejection.status >= 500) logger.error(rejection.logLine);
          // A body left unread is not worth keeping the connection for; a slow client's is cut, not waited on.
          if (rejection.status === 413 || rejection.status === 408) res.setHeader('Connection', 'close');
          if (rejection.status === 408) res.once('finish', () => req.socket.destroy());
          adapter.reply(res, gate.answer(rejection, hook), rejection.status);
        },
      )
      // Nothing above should throw; if it does, it is logged rather than left unhandled.
      .catch((error: unknown) => logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  });
}
