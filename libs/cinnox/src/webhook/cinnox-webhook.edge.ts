import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Subscription } from 'rxjs';
import { CinnoxWebhookGate } from './cinnox-webhook.gate.js';
import { installExpressEdge } from './express-webhook.edge.js';
import { installFastifyEdge } from './fastify-webhook.edge.js';
import { webhookAdapterUnsupported } from '../cinnox.messages.js';

/**
 * The webhook route owns its body (limit, parsing, errors in CINNOX's shape, checks before reading):
 * the host's global body parser runs before every route, so its errors would otherwise skip the
 * controller's filter. The adapter-specific edge is installed as soon as Nest sets the HTTP adapter,
 * which is before it adds its body parsers and routes.
 */
@Injectable()
export class CinnoxWebhookEdge implements OnModuleDestroy {
  private readonly logger = new Logger('CinnoxWebhook');
  private readonly subscription: Subscription;

  constructor(adapterHost: HttpAdapterHost, gate: CinnoxWebhookGate) {
    this.subscription = adapterHost.init$.subscribe(() => {
      const adapter = adapterHost.httpAdapter;
      const type = adapter?.getType();
      if (type === 'express') installExpressEdge(adapter, gate, this.logger);
      else if (type === 'fastify') installFastifyEdge(adapter, gate, this.logger);
      else this.logger.warn(webhookAdapterUnsupported(type));
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
