import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AbstractHttpAdapter, ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Subscription } from 'rxjs';
import { CINNOX_WEBHOOK_BODY_LIMIT, CINNOX_WEBHOOK_PATH } from '../cinnox.constants.js';
import { webhookBodyInvalid } from '../cinnox.messages.js';
import { isJsonContentType } from './is-json-content-type.js';
import { readJsonBody, WebhookBodyError } from './read-json-body.js';

type Next = (error?: unknown) => void;
type EdgeRequest = IncomingMessage & { body?: unknown; _body?: boolean; path?: string };

/**
 * The webhook route reads its own body: the host's global body parser runs before every route, so its
 * errors (malformed JSON, too large) would otherwise skip the controller and answer in Nest's shape.
 * The middleware is installed when the HTTP adapter is set, which is before Nest adds its parsers;
 * it marks the request parsed, so the global parser leaves it alone. Other routes pass through.
 */
@Injectable()
export class CinnoxWebhookEdge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CinnoxWebhook');
  private readonly subscription: Subscription;
  private route?: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(CINNOX_WEBHOOK_PATH) private readonly webhookPath: string,
  ) {
    this.subscription = adapterHost.init$.subscribe(() => this.install(adapterHost.httpAdapter));
  }

  onModuleInit(): void {
    // The global prefix is final by now (it is set between create() and init()).
    this.route = `/${[this.appConfig.getGlobalPrefix(), this.webhookPath].map(trimSlashes).filter(Boolean).join('/')}`;
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  private install(adapter: AbstractHttpAdapter | undefined): void {
    if (adapter?.getType() !== 'express') {
      this.logger.warn(`Webhook body handling is tuned for Express; on "${adapter?.getType()}" the host's parser is used.`);
      return;
    }
    adapter.use((req: EdgeRequest, res: ServerResponse, next: Next) => {
      if (req.method !== 'POST' || this.route === undefined || pathOf(req) !== this.route) return next();
      this.accept(req).then(next, (error: unknown) => {
        if (!(error instanceof WebhookBodyError)) return next(error);
        if (error.status === 413) res.setHeader('Connection', 'close');
        adapter.reply(res, { code: error.status, message: webhookBodyInvalid(error.message) }, error.status);
      });
    });
  }

  private async accept(req: EdgeRequest): Promise<void> {
    if (!isJsonContentType(req.headers['content-type'])) {
      throw new WebhookBodyError(415, `Content-Type must be application/json, got "${req.headers['content-type'] ?? 'none'}"`);
    }
    req.body = await readJsonBody(req, CINNOX_WEBHOOK_BODY_LIMIT);
    req._body = true; // body-parser's "already parsed" flag
  }
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

function pathOf(req: EdgeRequest): string {
  const path = req.path ?? (req.url ?? '/').split('?', 1)[0]!;
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}
