import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import type { ServerSettings } from './config/app-config.js';
import { readAppSettings } from './config/app.config.js';
import { SampleDatabase } from './database/sample-database.js';
import { AppLogger } from './logging/app-logger.js';
import { setUpOpenApi } from './openapi.js';

export interface RunningApp {
  app: INestApplication;
  /** Base URL of the listening app, on loopback. */
  url: string;
}

/**
 * Builds and starts the sample app. The library subscribes the webhook itself once the app listens
 * (the `subscription` option, fed by CINNOX_WEBHOOK_URL) and keeps it subscribed.
 * @param env the variables to read instead of the process's and `.env` (tests start several apps in one process).
 * @param logger replaces the sample's `AppLogger` (LOG_LEVEL, LOG_FORMAT); `false` turns logging off.
 */
export async function bootstrap(env?: NodeJS.ProcessEnv, logger?: LoggerService | LogLevel[] | false): Promise<RunningApp> {
  const settings = await readAppSettings(env);
  const { config } = settings;
  // Before Nest: a data folder another process holds refuses the start with its message (Nest aborts the
  // process on a provider that fails to build).
  const database = await SampleDatabase.open(config);
  const module = await AppModule.register(settings, database);
  const options = { logger: logger ?? new AppLogger(config) };
  let app: INestApplication;
  try {
    app =
      config.adapter === 'fastify'
        ? // Nest logs through its own logger; Fastify's per-request log calls only fed its no-op logger (2.6 % of the CPU in a profile).
          await NestFactory.create(
            module,
            new FastifyAdapter({ logController: new LogController({ disableRequestLogging: true }) }),
            options,
          )
        : await NestFactory.create(module, options);
  } catch (error) {
    await database.onApplicationShutdown();
    throw error;
  }
  app.enableShutdownHooks();
  setUpOpenApi(app);
  applyServerSettings(app.getHttpServer() as Server, config.server);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

// Node's defaults let a slow client hold a connection for 300 s and take every file descriptor.
function applyServerSettings(server: Server, settings: ServerSettings): void {
  server.requestTimeout = settings.requestTimeoutMs;
  server.headersTimeout = settings.headersTimeoutMs;
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  if (settings.maxConnections > 0) server.maxConnections = settings.maxConnections;
}
