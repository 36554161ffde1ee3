import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CINNOX_CALL_HOOK, CINNOX_HOOKS } from '../domain/cinnox-hook-name.js';
import { CinnoxModule } from '../cinnox.module.js';
import { CinnoxError } from '../errors/cinnox.error.js';
import { CinnoxSubscriptionService } from '../subscription/cinnox-subscription.service.js';
import { CliUsageError, readCliOptions, USAGE, type CliOptions } from './cli-options.js';
import { AdminRequestError } from './admin-request.js';
import { deliveriesCommand } from './deliveries-command.js';
import { replayCommand } from './replay-command.js';
import { statusCommand } from './status-command.js';

type Print = (line: string) => void;

@Module({})
class CliModule {
  static with(options: { baseUrl: string; appId: string; appToken: string; secret?: string }): DynamicModule {
    const { secret, ...api } = options;
    return {
      module: CliModule,
      imports: [EventEmitterModule.forRoot(), CinnoxModule.forRoot({ ...api, webhook: { secret } })],
    };
  }
}

/** Runs one CLI command; resolves with the process exit code. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: Print, err: Print): Promise<number> {
  try {
    const options = readCliOptions(argv, env);
    if (options.help || options.command === undefined) {
      out(USAGE);
      return options.help ? 0 : 2;
    }
    switch (options.command) {
      case 'subscribe':
      case 'unsubscribe':
        return await changeSubscription(options, options.command === 'subscribe', out);
      case 'simulate':
        return await simulate(options, out, err);
      case 'status':
        return await statusCommand(options.positionals[0] ?? 'http://127.0.0.1:3000', options.healthPath, out, err);
      case 'deliveries':
        return await deliveriesCommand(options, out);
      case 'replay':
        return await replayCommand(options, out);
      default:
        throw new CliUsageError(`Unknown command "${options.command}". Run with --help for the commands.`);
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AdminRequestError) {
      err(error.message);
      return 1;
    }
    err(error instanceof CinnoxError ? `${error.name}: ${error.message}` : String(error));
    return 1;
  }
}

async function changeSubscription(options: CliOptions, enabled: boolean, out: Print): Promise<number> {
  const url = webhookUrl(options);
  const { baseUrl, appId, appToken } = options;
  if (!baseUrl || !appId || !appToken) {
    throw new CliUsageError('--base-url, --app-id and --app-token (or CINNOX_BASE_URL, CINNOX_APP_ID, CINNOX_APP_TOKEN) are required.');
  }
  const context = await NestFactory.createApplicationContext(CliModule.with({ baseUrl, appId, appToken, secret: options.secret }), {
    logger: false,
  });
  try {
    const subscription = await context.get(CinnoxSubscriptionService).set({ enabled, url }, options.hook);
    out(
      `${subscription.enabled ? 'subscribed' : 'unsubscribed'} ${subscription.url} (${options.hook}, updated ${subscription.updatedAt.toISOString()})`,
    );
    return 0;
  } finally {
    await context.close();
  }
}

async function simulate(options: CliOptions, out: Print, err: Print): Promise<number> {
  const url = webhookUrl(options);
  if (!(CINNOX_HOOKS as readonly string[]).includes(options.hook)) {
    throw new CliUsageError(`simulate knows the hooks ${CINNOX_HOOKS.join(', ')}; got --hook "${options.hook}".`);
  }
  // Only this command needs the simulator and the fixtures: the others never load the testing entry.
  const [{ CinnoxSimulator }, fixtures] = await Promise.all([import('../testing/cinnox-simulator.js'), loadFixtures()]);
  const simulator = await CinnoxSimulator.start();
  const context = await NestFactory.createApplicationContext(
    CliModule.with({ baseUrl: simulator.baseUrl, appId: simulator.appId, appToken: simulator.appToken, secret: options.secret }),
    { logger: false },
  );
  try {
    out(`simulator listening at ${simulator.baseUrl}`);
    await context.get(CinnoxSubscriptionService).subscribe(url, options.hook);
    out(`challenge answered: ${url} subscribed`);
    let failures = 0;
    for (let n = 0; n < options.calls; n++) {
      for (const { label, body } of payloadsOf(options.hook, fixtures)) {
        const delivery = await simulator.deliver(body, { hook: options.hook });
        const ok = delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300;
        if (!ok) failures++;
        (ok ? out : err)(`${label}: ${delivery.error ?? `HTTP ${delivery.status} ${JSON.stringify(delivery.response)}`}`);
      }
      if (n + 1 < options.calls) await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
    return failures === 0 ? 0 : 1;
  } finally {
    await context.close();
    await simulator.stop();
  }
}

/**
 * One round of `hook`'s payloads: a call's start and end for `call`, else each documented shape of the
 * hook (and its other envelope and an unknown status), fresh ids every round.
 */
type Fixtures = Awaited<ReturnType<typeof loadFixtures>>;

// Through the testing entry, as a host would: the fixtures live in their hooks' folders.
function loadFixtures() {
  return import('../testing/index.js');
}

function payloadsOf(
  hook: string,
  { callStartNotification, callEndNotification, cinnoxPayloadShapes }: Fixtures,
): Array<{ label: string; body: unknown }> {
  if (hook === CINNOX_CALL_HOOK) {
    const start = callStartNotification();
    const id = start.message.id as string;
    return [
      { label: `CallStart ${id}`, body: start },
      { label: `CallEnd ${id}`, body: callEndNotification(id) },
    ];
  }
  return cinnoxPayloadShapes()
    .filter((shape) => shape.hook === hook)
    .map((shape) => ({ label: `${hook} (${shape.shape}) as ${shape.event}`, body: shape.body }));
}

function webhookUrl(options: CliOptions): string {
  const [url] = options.positionals;
  if (!url) throw new CliUsageError(`"${options.command}" needs the webhook URL.`);
  return url;
}
