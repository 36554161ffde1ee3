import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { CINNOX_WEBHOOK_PATH } from '../cinnox.constants.js';
import { toCinnoxError } from './to-cinnox-error.js';

type ExpressErrorHandler = (
  error: unknown,
  req: { path: string },
  res: unknown,
  next: (error?: unknown) => void,
) => void;

/**
 * The host's body parser runs before any route, so its errors (malformed JSON, body too large) never
 * reach the controller's filter. On Express, an error handler scoped to the webhook path answers them
 * in CINNOX's shape too; requests to other paths are passed on untouched.
 */
@Injectable()
export class CinnoxBodyErrorHandler implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(CINNOX_WEBHOOK_PATH) private readonly webhookPath: string,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'express') return;
    const route = `/${[this.appConfig.getGlobalPrefix(), this.webhookPath].map(trimSlashes).filter(Boolean).join('/')}`;
    const handler: ExpressErrorHandler = (error, req, res, next) => {
      if (trimTrailingSlash(req.path) !== route) return next(error);
      const { status, body } = toCinnoxError(error);
      adapter.reply(res, body, status);
    };
    adapter.use(handler);
  }
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');
const trimTrailingSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);
