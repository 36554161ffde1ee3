import { Injectable, type INestApplication, type LoggerService } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  CinnoxModule,
  CinnoxSubscriptionService,
  OnCallEnd,
  OnCallOther,
  OnCallStart,
  type CallEndEvent,
  type CallOtherEvent,
  type CallStartEvent,
  type CinnoxModuleOptions,
} from 'nestjs-cinnox';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import type { AddressInfo } from 'node:net';

export type RecordedEvent =
  | { name: 'call.start'; payload: CallStartEvent }
  | { name: 'call.end'; payload: CallEndEvent }
  | { name: 'call.other'; payload: CallOtherEvent };

/** Records every event the library emits, in order. */
@Injectable()
export class EventRecorder {
  readonly events: RecordedEvent[] = [];

  @OnCallStart()
  start(payload: CallStartEvent): void {
    this.events.push({ name: 'call.start', payload });
  }

  @OnCallEnd()
  end(payload: CallEndEvent): void {
    this.events.push({ name: 'call.end', payload });
  }

  @OnCallOther()
  other(payload: CallOtherEvent): void {
    this.events.push({ name: 'call.other', payload });
  }
}

export interface Harness {
  app: INestApplication;
  simulator: CinnoxSimulator;
  /** Base URL of the app on loopback. */
  url: string;
  /** The webhook route's URL, without any token. */
  webhookUrl: string;
  events: RecordedEvent[];
  subscriptions: CinnoxSubscriptionService;
  /** POSTs `body` (a string is sent as is) to the webhook; `query` is appended to the URL. */
  post(body: unknown, init?: { contentType?: string; query?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The HTTP adapter the end-to-end suite runs on: vitest runs it once per adapter (see vitest.config.ts). */
export const E2E_ADAPTER = process.env.E2E_ADAPTER === 'fastify' ? 'fastify' : 'express';

/** What `startHarness` may be given beside the module options. */
export interface HarnessExtras {
  providers?: any[];
  imports?: any[];
  /** Use this simulator (it may be stopped) instead of a fresh one; it must accept `HARNESS_APP`. */
  simulator?: CinnoxSimulator;
  /** The app's logger. @default false */
  logger?: LoggerService | false;
  /** Leave the app initialised but not listening. @default true */
  listen?: boolean;
}

/** The app id and token the harness's module and simulator share. */
export const HARNESS_APP = { appId: 'harness-app', appToken: 'harness-token-0123456789' } as const;

/** The webhook URL of a harness app, built from its listening address (for `subscription.url`). */
export const harnessWebhookUrl = ({ port }: { port: number }): string => `http://127.0.0.1:${port}/cinnox/webhooks/call-events`;

/**
 * A minimal host app around the library (no sample-app code) on `E2E_ADAPTER`, listening on 127.0.0.1:0
 * and pointed at a fresh simulator; `providers` are added beside the event recorder.
 */
export async function startHarness(options: Partial<CinnoxModuleOptions> = {}, extra: HarnessExtras = {}): Promise<Harness> {
  const simulator = extra.simulator ?? (await CinnoxSimulator.start({ ...HARNESS_APP }));
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventEmitterModule.forRoot(),
      CinnoxModule.forRoot({ baseUrl: simulator.baseUrl, ...HARNESS_APP, ...options }),
      ...(extra.imports ?? []),
    ],
    providers: [EventRecorder, ...(extra.providers ?? [])],
  }).compile();
  const logger = extra.logger ?? false;
  const app =
    E2E_ADAPTER === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger })
      : moduleRef.createNestApplication({ logger });
  if (extra.listen === false) await app.init();
  else await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo | null)?.port ?? 0;
  const url = `http://127.0.0.1:${port}`;
  const webhookUrl = `${url}/cinnox/webhooks/call-events`;
  return {
    app,
    simulator,
    url,
    webhookUrl,
    events: app.get(EventRecorder).events,
    subscriptions: app.get(CinnoxSubscriptionService),
    async post(body, init = {}) {
      const response = await fetch(`${webhookUrl}${init.query ?? ''}`, {
        method: 'POST',
        headers: { 'Content-Type': init.contentType ?? 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: response.status, body: parsed };
    },
    async close() {
      await app.close();
      await simulator.stop();
    },
  };
}
