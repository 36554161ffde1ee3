import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CINNOX_DEFAULT_WEBHOOK_PATH, CinnoxStatus, CinnoxSubscriptionService, type CinnoxSubscription } from 'nestjs-cinnox';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { bootstrap } from '../../src/bootstrap.js';
import { E2E_ADAPTER } from './library-harness.js';

// How the webhook URL problem is solved: the URL must carry the app's port, known only once it listens.
// So the app is bootstrapped WITHOUT CINNOX_WEBHOOK_URL (with CINNOX_BASE_URL set, the library's subscription
// lifecycle is then off) and the test subscribes `webhookUrl` explicitly, through the app's own
// CinnoxSubscriptionService, once `bootstrap` has returned. Nothing is reserved beforehand, so there is no
// window in which another process could take a pre-picked port.

export const APP_ID = 'e2e-app';
export const APP_TOKEN = 'e2e-token';

/** A CINNOX simulator on 127.0.0.1, port 0, accepting `APP_ID` / `APP_TOKEN`. */
export function startSimulator(): Promise<CinnoxSimulator> {
  return CinnoxSimulator.start({ appId: APP_ID, appToken: APP_TOKEN });
}

/** The variables that point the sample app at `simulator`. */
export function cinnoxEnv(simulator: CinnoxSimulator): NodeJS.ProcessEnv {
  return { CINNOX_BASE_URL: simulator.baseUrl, CINNOX_APP_ID: APP_ID, CINNOX_APP_TOKEN: APP_TOKEN };
}

/** One event the app emitted through EventEmitter2, in order of emission. */
export interface EmittedEvent {
  name: string;
  payload: any;
}

export interface HttpAnswer {
  status: number;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: any;
}

export interface E2eApp {
  app: INestApplication;
  /** Base URL of the listening app, on 127.0.0.1. */
  url: string;
  /** URL of the app's CINNOX webhook route (not subscribed by `startApp`). */
  webhookUrl: string;
  /** The library's subscription lifecycle state of the call hook (CINNOX_WEBHOOK_URL or the embedded mode). */
  subscriptionState(): string | undefined;
  /** Every event emitted since start-up, recorded with `onAny`. */
  events: EmittedEvent[];
  /** How many recorded events are called `name`. */
  count(name: string): number;
  subscriptions: CinnoxSubscriptionService;
  /** Subscribes `webhookUrl` with CINNOX through the app's CinnoxSubscriptionService. */
  subscribe(): Promise<CinnoxSubscription>;
  get(path: string): Promise<HttpAnswer>;
  /** POSTs to the webhook route: a string is sent as is, anything else as JSON; `body: undefined` sends none. */
  post(body: unknown, contentType?: string | null): Promise<HttpAnswer>;
  close(): Promise<void>;
}

/**
 * Boots the sample app (src/bootstrap.ts) on 127.0.0.1:0 with the suite's HTTP adapter, logging off,
 * and `env` on top.
 */
export async function startApp(env: NodeJS.ProcessEnv): Promise<E2eApp> {
  const running = await bootstrap({ HTTP_ADAPTER: E2E_ADAPTER, PORT: '0', HOST: '127.0.0.1', ...env }, false);
  const { app, url } = running;
  const webhookUrl = `${url}/${CINNOX_DEFAULT_WEBHOOK_PATH}`;
  const events: EmittedEvent[] = [];
  app.get(EventEmitter2).onAny((name: string | string[], payload: unknown) => {
    events.push({ name: Array.isArray(name) ? name.join('.') : name, payload });
  });
  const subscriptions = app.get(CinnoxSubscriptionService);
  return {
    app,
    url,
    webhookUrl,
    subscriptionState: () => app.get(CinnoxStatus).lifecycle('call')?.state,
    events,
    count: (name) => events.filter((event) => event.name === name).length,
    subscriptions,
    subscribe: () => subscriptions.subscribe(webhookUrl),
    get: async (path) => read(await fetch(`${url}${path}`)),
    async post(body, contentType = 'application/json') {
      const headers: Record<string, string> = contentType === null ? {} : { 'Content-Type': contentType };
      const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
      return read(await fetch(webhookUrl, { method: 'POST', headers, body: payload }));
    },
    close: () => app.close(),
  };
}

async function read(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}
