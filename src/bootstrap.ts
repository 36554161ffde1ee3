import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { CinnoxSubscription } from 'nestjs-cinnox';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import { loadAppConfig, localWebhookUrl, type ServerSettings } from './config/app-config.js';
import { DemoCallsService } from './embedded/demo-calls.service.js';
import { AppLogger } from './logging/app-logger.js';
import { setUpOpenApi } from './openapi.js';
import { WebhookSubscriber } from './subscription/webhook-subscriber.service.js';

export interface RunningApp {
  app: INestApplication;
  /** Base URL of the listening app, on loopback. */
  url: string;
  /** The webhook URL that was subscribed, if any. */
  webhookUrl?: string;
  subscription?: CinnoxSubscription;
}

/**
 * Builds, starts and (when configured) subscribes the sample app.
 * @param logger replaces the sample's `AppLogger` (LOG_LEVEL, LOG_FORMAT); `false` turns logging off.
 */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env, logger?: LoggerService | LogLevel[] | false): Promise<RunningApp> {
  const config = loadAppConfig(env);
  const module = AppModule.register(config);
  const options = { logger: logger ?? new AppLogger(config) };
  const app =
    config.adapter === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter(), options)
      : await NestFactory.create(module, options);
  app.enableShutdownHooks();
  setUpOpenApi(app);
  applyServerSettings(app.getHttpServer() as Server, config.server);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // The embedded simulator always calls this process back; a real CINNOX needs the public URL.
  const webhookUrl = config.webhookUrl ?? (config.cinnox ? undefined : localWebhookUrl(port));
  if (!webhookUrl) return { app, url };
  const subscription = await app.get(WebhookSubscriber).subscribe(webhookUrl);
  if (!config.cinnox && subscription) app.get(DemoCallsService).start(config.demoIntervalMs);
  return { app, url, webhookUrl, subscription };
}

// Node's defaults let a slow client hold a connection for 300 s and take every file descriptor.
function applyServerSettings(server: Server, settings: ServerSettings): void {
  server.requestTimeout = settings.requestTimeoutMs;
  server.headersTimeout = settings.headersTimeoutMs;
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  if (settings.maxConnections > 0) server.maxConnections = settings.maxConnections;
}
