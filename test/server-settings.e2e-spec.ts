import type { Server } from 'node:http';
import { describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';

// Issue 10, defect 10 (sample part): Node's defaults let a slow client hold a connection for 300 s; the
// sample applies bounded server settings, from HTTP_* variables.

describe('server settings', () => {
  const settings = (server: Server) => ({
    requestTimeout: server.requestTimeout,
    headersTimeout: server.headersTimeout,
    keepAliveTimeout: server.keepAliveTimeout,
    maxConnections: server.maxConnections,
  });

  test('applies the defaults: 30 s per request, 10 s for headers, 5 s keep-alive, 10,000 connections', async ({
    simulator,
    startSample,
  }) => {
    const sample = await startSample(cinnoxEnv(simulator));

    expect(settings(sample.app.getHttpServer())).toEqual({
      requestTimeout: 30_000,
      headersTimeout: 10_000,
      keepAliveTimeout: 5000,
      maxConnections: 10_000,
    });
  });

  test('applies HTTP_REQUEST_TIMEOUT_MS, HTTP_HEADERS_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS and HTTP_MAX_CONNECTIONS', async ({
    simulator,
    startSample,
  }) => {
    const sample = await startSample({
      ...cinnoxEnv(simulator),
      HTTP_REQUEST_TIMEOUT_MS: '15000',
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '2000',
      HTTP_MAX_CONNECTIONS: '500',
    });

    expect(settings(sample.app.getHttpServer())).toEqual({
      requestTimeout: 15_000,
      headersTimeout: 5000,
      keepAliveTimeout: 2000,
      maxConnections: 500,
    });
    expect((await sample.get('/health')).status).toBe(200);
  });
});
