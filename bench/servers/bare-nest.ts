import 'reflect-metadata';
import { Body, Controller, HttpCode, HttpStatus, Injectable, Module, Post, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { CinnoxWebhookDto } from '../../libs/cinnox/src/hooks/call/call-webhook.dto.js';

// Scenario 2: what a user writes without the library. The library's own wire DTOs (compiled from its
// sources, so the validation work is the same and cannot drift), `ValidationPipe({ transform: true })` on a
// POST route at the same path, the same answers with HTTP 200, and a `call.start` event to a listener that
// does nothing (it only counts, so the runner can check that every notification reached it). None of the
// library's machinery: no gate, body reader, dedupe, metrics or publisher.
// ADAPTER=express|fastify, PORT (0 = a free port); prints `READY <port>` once listening.

@Controller('cinnox/webhooks/call-events')
class WebhookController {
  constructor(private readonly events: EventEmitter2) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  receive(@Body(new ValidationPipe({ transform: true })) body: CinnoxWebhookDto): object {
    if (body.message === undefined) return { code: 0, result: { challenge: body.challenge } };
    this.events.emit('call.start', body.message);
    return { code: 0, result: {} };
  }
}

let received = 0;

@Injectable()
class CallStartListener {
  @OnEvent('call.start')
  handle(): void {
    received++;
  }
}

@Module({ imports: [EventEmitterModule.forRoot()], controllers: [WebhookController], providers: [CallStartListener] })
class BareModule {}

const app: INestApplication =
  process.env.ADAPTER === 'fastify'
    ? await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false })
    : await NestFactory.create(BareModule, { logger: false });

let closing = false;
function shutdown(): void {
  if (closing) return;
  closing = true;
  process.stdout.write(`EVENTS ${received}\n`);
  setTimeout(() => process.exit(0), 2000).unref();
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
// Started by bench/run.js: stdin is a pipe from the runner, so its end means the runner is gone.
if (process.env.BENCH_EXIT_WITH_PARENT === '1') process.stdin.on('end', shutdown).resume();

await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.stdout.write(`READY ${(app.getHttpServer().address() as AddressInfo).port}\n`);
