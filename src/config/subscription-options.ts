import type { CinnoxSubscriptionOptions } from 'nestjs-cinnox';
import type { AppConfig } from './app-config.js';
import { localBaseUrl } from './app-config.js';

/**
 * The library's subscription lifecycle as the environment asks for it: each hook's URL from
 * `CINNOX_PUBLIC_URL`, `CINNOX_WEBHOOK_URL` winning for the call hook; the embedded simulator calls this
 * process back on loopback (the port is known once the app listens); a real CINNOX without either URL is
 * not subscribed.
 */
export function subscriptionOptions(app: AppConfig): CinnoxSubscriptionOptions | undefined {
  const publicUrl = app.publicUrl ?? (app.cinnox ? undefined : ({ port }: { port: number }) => localBaseUrl(port));
  if (app.webhookUrl === undefined && publicUrl === undefined) return undefined;
  return {
    url: app.webhookUrl,
    publicUrl,
    unsubscribeOnShutdown: app.unsubscribeOnShutdown,
    refreshIntervalMs: app.subscriptionRefreshMs,
    maxSilenceMs: app.subscriptionMaxSilenceMs,
  };
}
