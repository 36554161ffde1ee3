import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppConfigError, loadAppConfig } from './app-config.js';

describe('loadAppConfig', () => {
  it('defaults: log level log, text logs, a 5 s shutdown grace, bounded server timeouts', () => {
    expect(loadAppConfig({})).toMatchObject({
      logLevel: 'log',
      logFormat: 'text',
      shutdownGraceMs: 5000,
      shutdownDelayMs: 0,
      server: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5000, maxConnections: 10_000 },
    });
  });

  it('reads every log, shutdown and server variable', () => {
    const config = loadAppConfig({
      LOG_LEVEL: 'DEBUG',
      LOG_FORMAT: 'json',
      CINNOX_SHUTDOWN_GRACE_MS: '2500',
      CINNOX_SHUTDOWN_DELAY_MS: '10000',
      HTTP_REQUEST_TIMEOUT_MS: '20000',
      HTTP_HEADERS_TIMEOUT_MS: '4000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '3000',
      HTTP_MAX_CONNECTIONS: '0',
    });

    expect(config).toMatchObject({
      logLevel: 'debug',
      logFormat: 'json',
      shutdownGraceMs: 2500,
      shutdownDelayMs: 10_000,
      server: { requestTimeoutMs: 20_000, headersTimeoutMs: 4000, keepAliveTimeoutMs: 3000, maxConnections: 0 },
    });
  });

  it.each([
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be "error", "warn", "log", "debug", "verbose", got "loud".'],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT must be "text", "json", got "xml".'],
    ['CINNOX_SHUTDOWN_GRACE_MS', '5s', 'CINNOX_SHUTDOWN_GRACE_MS must be a whole number from 100 to 600000, got "5s".'],
    ['HTTP_REQUEST_TIMEOUT_MS', '-1', 'HTTP_REQUEST_TIMEOUT_MS must be a whole number from 1000 to 3600000, got "-1".'],
    ['HTTP_HEADERS_TIMEOUT_MS', '60000', 'HTTP_HEADERS_TIMEOUT_MS (60000) must not exceed HTTP_REQUEST_TIMEOUT_MS (30000).'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', 'forever', 'HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number from 0 to 600000, got "forever".'],
    ['HTTP_MAX_CONNECTIONS', '1.5', 'HTTP_MAX_CONNECTIONS must be a whole number from 0 to 1000000, got "1.5".'],
    ['CINNOX_MODE', 'batch', 'CINNOX_MODE must be "inline", "queue", got "batch".'],
    [
      'CINNOX_HOOKS',
      'call,sms',
      'CINNOX_HOOKS lists "sms"; known hooks: call, recording, inquiry, inbound-sms, outbound-sms, staff-contact, external-contact, label, inquiry-label, conference.',
    ],
    ['CINNOX_PUBLIC_URL', 'example.com', 'CINNOX_PUBLIC_URL must be an absolute http(s) URL, got "example.com".'],
    ['CINNOX_SETTLE_DELAY_MS', '1m', 'CINNOX_SETTLE_DELAY_MS must be a whole number from 1 to 2147483647, got "1m".'],
    ['CINNOX_RECONCILE_INTERVAL_MS', '0', 'CINNOX_RECONCILE_INTERVAL_MS must be a whole number from 1 to 2147483647, got "0".'],
    ['CINNOX_SIMULATOR_DROP_RATE', '1.5', 'CINNOX_SIMULATOR_DROP_RATE must be a number from 0 to 1, got "1.5".'],
    ['ADMIN_TOKEN', 'short', 'ADMIN_TOKEN must be at least 16 characters long.'],
  ])('a bad %s fails start-up with an error naming it', (name, value, message) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(new AppConfigError(message));
  });
});

describe('database, delivery log and admin settings', () => {
  it('defaults: the embedded folder ./data/cinnox, schema cinnox, the log on, no admin routes, no failing calls', () => {
    expect(loadAppConfig({})).toMatchObject({
      database: { url: undefined, dataDir: './data/cinnox', schema: 'cinnox' },
      deliveryLog: { enabled: true, retentionMs: undefined },
      adminToken: undefined,
      failCallPrefix: undefined,
    });
  });

  it('reads DATABASE_URL, CINNOX_DATA_DIR, CINNOX_DB_SCHEMA, the log, ADMIN_TOKEN and SAMPLE_FAIL_CALL_PREFIX', () => {
    expect(
      loadAppConfig({
        DATABASE_URL: 'postgres://app@db.internal:5432/calls',
        CINNOX_DATA_DIR: '/var/lib/cinnox',
        CINNOX_DB_SCHEMA: 'cinnox_eu',
        CINNOX_DELIVERY_LOG: 'OFF',
        CINNOX_DELIVERY_LOG_RETENTION_MS: '86400000',
        ADMIN_TOKEN: 'admin-token-0123456789',
        SAMPLE_FAIL_CALL_PREFIX: 'fail-',
      }),
    ).toMatchObject({
      database: { url: 'postgres://app@db.internal:5432/calls', dataDir: '/var/lib/cinnox', schema: 'cinnox_eu' },
      deliveryLog: { enabled: false, retentionMs: 86_400_000 },
      adminToken: 'admin-token-0123456789',
      failCallPrefix: 'fail-',
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/x', 'DATABASE_URL must be a postgres:// URL.'],
    ['CINNOX_DB_SCHEMA', 'Cinnox-Prod', 'CINNOX_DB_SCHEMA must be a lowercase identifier (a-z, 0-9, _), got "Cinnox-Prod".'],
    ['CINNOX_DELIVERY_LOG', 'yes', 'CINNOX_DELIVERY_LOG must be "on", "off", got "yes".'],
    [
      'CINNOX_DELIVERY_LOG_RETENTION_MS',
      '10',
      'CINNOX_DELIVERY_LOG_RETENTION_MS must be a whole number from 1000 to 31536000000, got "10".',
    ],
    ['ADMIN_TOKEN', 'short', 'ADMIN_TOKEN must be at least 16 characters long.'],
  ])('a bad %s fails start-up with an error naming it (never echoing a URL or token)', (name, value, message) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(new AppConfigError(message));
  });
});

describe('hooks and public URLs', () => {
  const real = { CINNOX_BASE_URL: 'https://cinnox.example', CINNOX_APP_ID: 'id', CINNOX_APP_TOKEN: 'token' };

  it('receives calls only from a real CINNOX unless CINNOX_HOOKS says otherwise; the embedded demo every hook', () => {
    expect(loadAppConfig(real).hooks).toEqual(['call']);
    expect(loadAppConfig({}).hooks).toHaveLength(10);
    expect(
      loadAppConfig({ ...real, CINNOX_HOOKS: ' call, Recording ,inquiry,call', CINNOX_PUBLIC_URL: 'https://app.example/' }),
    ).toMatchObject({
      hooks: ['call', 'recording', 'inquiry'],
      publicUrl: 'https://app.example',
    });
  });

  it('asks for CINNOX_PUBLIC_URL when CINNOX_WEBHOOK_URL cannot serve the other hooks', () => {
    const env = { ...real, CINNOX_HOOKS: 'call,recording', CINNOX_WEBHOOK_URL: 'https://app.example/cinnox/webhooks/call-events' };
    expect(() => loadAppConfig(env)).toThrow(/CINNOX_PUBLIC_URL is needed to subscribe recording \(CINNOX_HOOKS\)/);
  });
});

describe('.env.example', () => {
  it('lists every variable the sample reads', () => {
    const sources = ['app-config.ts', 'read-env.ts'].map((file) => readFileSync(new URL(file, import.meta.url), 'utf8')).join('\n');
    const read = new Set([...sources.matchAll(/env\.([A-Z][A-Z_]+)|\(env, '([A-Z][A-Z_]+)'/g)].map((match) => match[1] ?? match[2]));
    const listed = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !new RegExp(`^(# )?${name}=`, 'm').test(listed))).toEqual([]);
  });
});
