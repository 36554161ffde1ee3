import type { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/**
 * Calls `start` with the HTTP server once it listens (at once if it does), and returns what cancels the wait.
 * Nest has no after-listen hook: bootstrap runs inside listen(), before the server binds, so the server's own
 * 'listening' event is the signal (Express and Fastify both expose the node server). An app without a server
 * (a queue worker, a CLI context) never starts.
 */
export function onceListening(adapterHost: HttpAdapterHost | undefined, start: (server: Server) => void): () => void {
  const server = adapterHost?.httpAdapter?.getHttpServer() as Server | undefined;
  if (typeof server?.once !== 'function') return () => undefined;
  if (server.listening) {
    start(server);
    return () => undefined;
  }
  const listening = (): void => start(server);
  server.once('listening', listening);
  return () => server.off('listening', listening);
}
