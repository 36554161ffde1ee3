import type { CinnoxSubscriptionOptions } from 'nestjs-cinnox';
import type { AppConfig } from './app-config.js';
import { localWebhookUrl } from './app-config.js';

/**
 * The library's subscription lifecycle as the environment asks for it: `CINNOX_WEBHOOK_URL` when set; the
 * embedded simulator calls this process back on loopback (the port is known once the app listens); a
 * real CINNOX without a public URL is not subscribed.
 */
export function subscriptionOptions(app: AppConfig): CinnoxSubscriptionOptions | undefined {
  const url = app.webhookUrl ?? (app.cinnox ? undefined : ({ port }: { port: number }) => localWebhookUrl(port));
  if (url === undefined) return undefined;
  return {
    url,
    unsubscribeOnShutdown: app.unsubscribeOnShutdown,
    refreshIntervalMs: app.subscriptionRefreshMs,
    maxSilenceMs: app.subscriptionMaxSilenceMs,
  };
}
