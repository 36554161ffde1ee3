import type { CinnoxSubscription } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { bootstrap } from '../../src/bootstrap.js';
import { E2E_ADAPTER, e2eHost, type E2eHost } from './e2e-host.js';

// How the webhook URL problem is solved: the URL must carry the app's port, known only once it listens.
// So the app is bootstrapped WITHOUT CINNOX_WEBHOOK_URL (with CINNOX_BASE_URL set, bootstrap then does not
// subscribe) and the test subscribes `webhookUrl` explicitly, through the app's own
// CinnoxSubscriptionService, once `bootstrap` has returned. Nothing is reserved beforehand, so there is no
// window in which another process could take a pre-picked port.

/** The sample app as the tests drive it, with what `bootstrap` subscribed itself (embedded mode, CINNOX_WEBHOOK_URL). */
export interface SampleHost extends E2eHost {
  subscription?: CinnoxSubscription;
}

/** The variables that point the sample app at `simulator`. */
export function cinnoxEnv(simulator: CinnoxSimulator): NodeJS.ProcessEnv {
  return { CINNOX_BASE_URL: simulator.baseUrl, CINNOX_APP_ID: simulator.appId, CINNOX_APP_TOKEN: simulator.appToken };
}

/** Boots the sample app (src/bootstrap.ts) on 127.0.0.1:0 with the suite's HTTP adapter, logging off, `env` on top. */
export async function startSampleHost(env: NodeJS.ProcessEnv): Promise<SampleHost> {
  const { app, subscription } = await bootstrap({ HTTP_ADAPTER: E2E_ADAPTER, PORT: '0', HOST: '127.0.0.1', ...env }, false);
  return { ...e2eHost(app), subscription };
}
