import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CinnoxModule, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import type { AddressInfo } from 'node:net';

// Scenario 3/4: the library as a user sets it up (default options: in-memory dedupe on, no secret).
// Nothing is subscribed, so the CINNOX API at baseUrl is never called. The listener does nothing but
// count, so the runner can check that every notification reached it.
// ADAPTER=express|fastify, PORT (0 = a free port); prints `READY <port>` once listening.

let received = 0;

@Injectable()
class CallStartListener {
  @OnCallStart()
  handle(_event: CallStartEvent): void {
    received++;
  }
}

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    CinnoxModule.forRoot({ baseUrl: 'http://127.0.0.1:9', appId: 'bench', appToken: 'bench-token' }),
  ],
  providers: [CallStartListener],
})
class LibraryModule {}

const app: INestApplication =
  process.env.ADAPTER === 'fastify'
    ? await NestFactory.create(LibraryModule, new FastifyAdapter(), { logger: false })
    : await NestFactory.create(LibraryModule, { logger: false });

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
