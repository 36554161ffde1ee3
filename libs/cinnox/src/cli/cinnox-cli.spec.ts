import { Controller, Get, Injectable, type INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CinnoxModule } from '../cinnox.module.js';
import { OnCallEnd, OnCallStart } from '../hooks/call/on-call.decorator.js';
import { OnRecordingFail, OnRecordingOther, OnRecordingSuccess } from '../hooks/recording/on-recording.decorator.js';
import { OnConferenceEnded, OnConferenceOther } from '../hooks/conference/on-conference.decorator.js';
import { CinnoxSimulator } from '../testing/cinnox-simulator.js';
import { CinnoxHealthIndicator } from '../health/cinnox.health.js';
import { CinnoxHealthModule } from '../health/cinnox-health.module.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { runCli } from './cinnox-cli.js';
import { HEALTH_PATHS } from './status-command.js';

@Injectable()
class Calls {
  readonly seen: string[] = [];
  @OnCallStart() start(): void {
    this.seen.push('start');
  }
  @OnCallEnd() end(): void {
    this.seen.push('end');
  }
  @OnRecordingSuccess() @OnRecordingFail() @OnRecordingOther() recording(event: { status: string }): void {
    this.seen.push(`recording ${event.status}`);
  }
  @OnConferenceEnded() conferenceEnded(): void {
    this.seen.push('conference ended');
  }
  @OnConferenceOther() conferenceOther(event: { status: string }): void {
    this.seen.push(`conference ${event.status}`);
  }
}

describe('nestjs-cinnox CLI', () => {
  let simulator: CinnoxSimulator;
  let app: INestApplication;
  let webhookUrl: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) =>
    runCli(
      argv,
      {},
      (line) => out.push(line),
      (line) => err.push(line),
    );

  beforeEach(async () => {
    out = [];
    err = [];
    simulator = await CinnoxSimulator.start({ appId: 'cli-app', appToken: 'cli-token-secret' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        CinnoxModule.forRoot({
          baseUrl: simulator.baseUrl,
          appId: 'cli-app',
          appToken: 'cli-token-secret',
          hooks: ['call', 'recording', 'conference'],
        }),
      ],
      providers: [Calls],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    webhookUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/cinnox/webhooks/call-events`;
  });
  afterEach(async () => {
    await app.close();
    await simulator.stop();
  });

  it('prints the usage with --help and exits 0', async () => {
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toContain('subscribe <webhook-url>');
  });

  it('exits 2 with a clear message on a usage mistake', async () => {
    expect(await run('frobnicate')).toBe(2);
    expect(err[0]).toContain('Unknown command "frobnicate"');
    expect(await run('subscribe', webhookUrl)).toBe(2);
    expect(err.join('\n')).toContain('--app-token');
  });

  it('subscribes and unsubscribes a URL against CINNOX', async () => {
    const api = ['--base-url', simulator.baseUrl, '--app-id', 'cli-app', '--app-token', 'cli-token-secret'];
    expect(await run('subscribe', webhookUrl, ...api)).toBe(0);
    expect(simulator.subscription()).toMatchObject({ enabled: true, url: webhookUrl });
    expect(await run('unsubscribe', webhookUrl, ...api)).toBe(0);
    expect(simulator.subscription()).toMatchObject({ enabled: false });
    expect(out).toEqual([expect.stringMatching(/^subscribed /), expect.stringMatching(/^unsubscribed /)]);
  });

  it('exits 1 when CINNOX refuses, without printing the token', async () => {
    const code = await runCli(
      ['subscribe', webhookUrl],
      { CINNOX_BASE_URL: simulator.baseUrl, CINNOX_APP_ID: 'cli-app', CINNOX_APP_TOKEN: 'wrong-token-value' },
      (line) => out.push(line),
      (line) => err.push(line),
    );
    expect(code).toBe(1);
    expect(err[0]).toContain('CinnoxApiError');
    expect(err.join('\n')).not.toContain('wrong-token-value');
  });

  it('simulate delivers start/end pairs to a webhook, like stripe trigger', async () => {
    expect(await run('simulate', webhookUrl, '--calls', '2', '--interval', '0')).toBe(0);
    expect(app.get(Calls).seen).toEqual(['start', 'end', 'start', 'end']);
    expect(out.filter((line) => line.includes('HTTP 200'))).toHaveLength(4);
  });

  it("simulate --hook recording subscribes that hook's URL and sends each of its payload shapes", async () => {
    const recordingUrl = webhookUrl.replace('call-events', 'recording-events');
    expect(await run('simulate', recordingUrl, '--hook', 'recording')).toBe(0);
    expect(app.get(Calls).seen).toEqual(['recording success', 'recording fail', 'recording partial']);
    expect(out.filter((line) => /^recording \(.+\) as recording\.\w+: HTTP 200/.test(line))).toHaveLength(3);
  });

  it('simulate --hook conference subscribes that hook and sends its end and an unknown status', async () => {
    expect(await run('simulate', webhookUrl.replace('call-events', 'conference-events'), '--hook', 'conference')).toBe(0);
    expect(app.get(Calls).seen).toEqual(['conference ended', 'conference conference_start']);
    expect(out.filter((line) => /^conference \(.+\) as conference\.(ended|other): HTTP 200/.test(line))).toHaveLength(2);
  });

  it('simulate refuses a hook it cannot send, naming the ones it knows', async () => {
    expect(await run('simulate', webhookUrl, '--hook', 'meeting')).toBe(2);
    expect(err[0]).toContain('inquiry-label, conference; got --hook "meeting"');
  });

  it('--help lists every hook', async () => {
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toMatch(/recording, inquiry, inbound-sms, outbound-sms,[\s\S]*inquiry-label, conference/);
  });
});

@Controller('ops/probe')
class ProbeController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cinnox: CinnoxHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.cinnox.check('webhooks')]);
  }
}

describe('nestjs-cinnox status', () => {
  let app: INestApplication;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) =>
    runCli(
      argv,
      {},
      (line) => out.push(line),
      (line) => err.push(line),
    );
  afterEach(() => app.close());

  /** A host whose health route is `ops/probe` under `prefix`, reporting the hooks under the key `webhooks`. */
  async function host(prefix?: string): Promise<string> {
    out = [];
    err = [];
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        CinnoxModule.forRoot({
          baseUrl: 'http://127.0.0.1:9',
          appId: 'cli-app',
          appToken: 'cli-token-secret',
          hooks: ['call', 'recording'],
        }),
        CinnoxHealthModule,
      ],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    if (prefix) app.setGlobalPrefix(prefix);
    await app.listen(0, '127.0.0.1');
    app.get(CinnoxStatus).recordSubscription('call', { enabled: true, url: 'https://a.example/h', updatedAt: new Date() });
    app.get(CinnoxStatus).recordSubscription('recording', { enabled: true, url: 'https://a.example/r', updatedAt: new Date() });
    return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }

  it('finds the indicator under any key, at the path given with the URL or with --health-path', async () => {
    const url = await host();
    expect(await run('status', `${url}/ops/probe`)).toBe(0);
    expect(out).toEqual([
      `${url}/ops/probe:`,
      'webhooks.call: up; subscription subscribed; last notification never',
      'webhooks.recording: up; subscription subscribed; last notification never',
    ]);
    expect(await run('status', url, '--health-path', '/ops/probe')).toBe(0);
    expect(out[3]).toBe(`${url}/ops/probe:`);
  });

  it('says every usual path it looked at and what each gave when none has the indicator; exits 1 when a hook is not up', async () => {
    const url = await host('api/health/ready');
    // Mounted at /api/health/ready/ops/probe: none of the usual paths; the error lists each one and what it gave.
    expect(await run('status', url)).toBe(1);
    expect(err[0]).toContain(`No CinnoxHealthIndicator entry found. Looked at:\n  ${url}/health: HTTP 404, no route there`);
    for (const path of HEALTH_PATHS) expect(err[0]).toContain(`  ${url}${path}: `);
    expect(err[0]).toContain('--health-path');

    app.get(CinnoxStatus).recordSubscription('recording', { enabled: false, url: 'https://a.example/r', updatedAt: new Date() });
    expect(await run('status', `${url}/api/health/ready/ops/probe`)).toBe(1);
    expect(out[2]).toBe('webhooks.recording: degraded; subscription unsubscribed; last notification never');
  });
});
