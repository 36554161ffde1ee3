import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CINNOX_DEFAULT_HOOK_PATHS, CinnoxSubscriptionService, type CinnoxSubscription } from 'nestjs-cinnox';
import type { AddressInfo } from 'node:net';
import { parseJsonOrText } from './parse-json-or-text.js';

/** The HTTP adapter the end-to-end suite runs on: vitest runs it once per adapter (see vitest.config.ts). */
export const E2E_ADAPTER = process.env.E2E_ADAPTER === 'fastify' ? 'fastify' : 'express';

/** One event the app emitted through EventEmitter2, in order of emission. */
export interface EmittedEvent {
  name: string;
  payload: any;
}

/** An HTTP answer: the body parsed as JSON, or the raw text when it is not JSON. */
export interface HttpAnswer {
  status: number;
  body: any;
}

/** How `post` sends: `contentType: null` sends no Content-Type; `query` is appended to the URL. */
export interface PostOptions {
  contentType?: string | null;
  query?: string;
}

/** A listening Nest app (the library alone, or the sample app) as the end-to-end tests drive it. */
export interface E2eHost {
  app: INestApplication;
  /** Base URL of the app on 127.0.0.1. */
  url: string;
  /** The webhook route's URL, without any token. */
  webhookUrl: string;
  /** Every event emitted since start-up, recorded with `onAny`. */
  events: EmittedEvent[];
  /** How many recorded events are called `name`. */
  count(name: string): number;
  subscriptions: CinnoxSubscriptionService;
  /** Subscribes `webhookUrl` with CINNOX through the app's CinnoxSubscriptionService. */
  subscribe(): Promise<CinnoxSubscription>;
  get(path: string): Promise<HttpAnswer>;
  /** POSTs to the webhook: a string is sent as is, anything else as JSON; `undefined` sends no body. */
  post(body: unknown, options?: PostOptions): Promise<HttpAnswer>;
  /** Closes the app; a second call does nothing. */
  close(): Promise<void>;
}

/** Wraps a listening app: records its events from now on and talks to it over real HTTP. */
export function e2eHost(app: INestApplication, webhookPath = CINNOX_DEFAULT_HOOK_PATHS.call): E2eHost {
  // An app that is only initialised has no address yet: its URLs say port 0.
  const port = (app.getHttpServer().address() as AddressInfo | null)?.port ?? 0;
  const url = `http://127.0.0.1:${port}`;
  const webhookUrl = `${url}/${webhookPath}`;
  const events: EmittedEvent[] = [];
  app.get(EventEmitter2).onAny((name: string | string[], payload: unknown) => {
    events.push({ name: Array.isArray(name) ? name.join('.') : name, payload });
  });
  const subscriptions = app.get(CinnoxSubscriptionService);
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    webhookUrl,
    events,
    count: (name) => events.filter((event) => event.name === name).length,
    subscriptions,
    subscribe: () => subscriptions.subscribe(webhookUrl),
    get: async (path) => read(await fetch(`${url}${path}`)),
    async post(body, { contentType = 'application/json', query = '' } = {}) {
      const headers: Record<string, string> = contentType === null ? {} : { 'Content-Type': contentType };
      const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
      return read(await fetch(`${webhookUrl}${query}`, { method: 'POST', headers, body: payload }));
    },
    close: () => (closing ??= app.close()),
  };
}

async function read(response: Response): Promise<HttpAnswer> {
  return { status: response.status, body: parseJsonOrText(await response.text()) };
}
