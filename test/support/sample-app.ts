import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { bootstrap, type RunningApp } from '../../src/bootstrap.js';
import { E2E_ADAPTER } from './library-harness.js';

export interface SampleApp extends RunningApp {
  get(path: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Boots the sample app (src/) exactly as `npm start` does, on 127.0.0.1:0, with the given environment. */
export async function startSampleApp(env: NodeJS.ProcessEnv): Promise<SampleApp> {
  const running = await bootstrap({ HTTP_ADAPTER: E2E_ADAPTER, PORT: '0', HOST: '127.0.0.1', CINNOX_DEMO_INTERVAL_MS: '0', ...env }, false);
  return {
    ...running,
    async get(path) {
      const response = await fetch(`${running.url}${path}`);
      return { status: response.status, body: await response.json() };
    },
    close: () => running.app.close(),
  };
}

/** A simulator and the credentials the sample app needs to talk to it. */
export async function startCinnox(): Promise<{ simulator: CinnoxSimulator; env: NodeJS.ProcessEnv }> {
  const simulator = await CinnoxSimulator.start({ appId: 'sample-app', appToken: 'sample-token' });
  return { simulator, env: { CINNOX_BASE_URL: simulator.baseUrl, CINNOX_APP_ID: 'sample-app', CINNOX_APP_TOKEN: 'sample-token' } };
}
