import type { LoggerService } from '@nestjs/common';
import { CinnoxStatus } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { bootstrap } from '../../src/bootstrap.js';
import { E2E_ADAPTER, e2eHost, type E2eHost } from './e2e-host.js';

// The webhook URL must carry the app's port, known only once it listens: with a real CINNOX configured
// (CINNOX_BASE_URL) and no CINNOX_WEBHOOK_URL, the library subscribes nothing, and a test subscribes
// `webhookUrl` through the app's own CinnoxSubscriptionService. The embedded mode derives the URL itself.

/** The sample app as the tests drive it, with the state of the library's call subscription. */
export interface SampleHost extends E2eHost {
  subscriptionState(): string | undefined;
}

/** The variables that point the sample app at `simulator`. */
export function cinnoxEnv(simulator: CinnoxSimulator): NodeJS.ProcessEnv {
  return { CINNOX_BASE_URL: simulator.baseUrl, CINNOX_APP_ID: simulator.appId, CINNOX_APP_TOKEN: simulator.appToken };
}

/** How the sample logs: `false` (off), a test's logger, or `'app'` for its own AppLogger on stdout. */
export type SampleLogger = LoggerService | false | 'app';

/** Boots the sample app (src/bootstrap.ts) on 127.0.0.1:0 with the suite's HTTP adapter, `env` on top; logging off unless `logger` says. */
export async function startSampleHost(env: NodeJS.ProcessEnv, logger: SampleLogger = false): Promise<SampleHost> {
  const { app } = await bootstrap(
    { HTTP_ADAPTER: E2E_ADAPTER, PORT: '0', HOST: '127.0.0.1', ...env },
    logger === 'app' ? undefined : logger,
  );
  return { ...e2eHost(app), subscriptionState: () => app.get(CinnoxStatus).lifecycle('call')?.state };
}
