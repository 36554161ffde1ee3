import { parseArgs } from 'node:util';
import { CINNOX_CALL_HOOK, CINNOX_HOOKS } from '../domain/cinnox-hook-name.js';
import { HEALTH_PATHS } from './status-command.js';

const HEALTH_PATHS_SHOWN = HEALTH_PATHS.join(', ');

export interface CliOptions {
  command: string | undefined;
  positionals: string[];
  baseUrl?: string;
  appId?: string;
  appToken?: string;
  hook: string;
  secret?: string;
  calls: number;
  intervalMs: number;
  /** status: the health route's path, when the app URL has none. */
  healthPath?: string;
  help: boolean;
}

/** Thrown for a usage mistake: the message says what to fix; the exit code is 2. */
export class CliUsageError extends Error {}

/** Flags first, then the environment variables the sample app uses. */
export function readCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'base-url': { type: 'string' },
        'app-id': { type: 'string' },
        'app-token': { type: 'string' },
        hook: { type: 'string', default: CINNOX_CALL_HOOK },
        secret: { type: 'string' },
        calls: { type: 'string', default: '1' },
        interval: { type: 'string', default: '500' },
        'health-path': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  return {
    command: positionals[0],
    positionals: positionals.slice(1),
    baseUrl: values['base-url'] ?? env.CINNOX_BASE_URL,
    appId: values['app-id'] ?? env.CINNOX_APP_ID,
    appToken: values['app-token'] ?? env.CINNOX_APP_TOKEN,
    hook: values.hook!,
    secret: values.secret ?? env.CINNOX_WEBHOOK_SECRET,
    calls: wholeNumber('--calls', values.calls!),
    intervalMs: wholeNumber('--interval', values.interval!),
    healthPath: values['health-path'],
    help: values.help!,
  };
}

function wholeNumber(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new CliUsageError(`${flag} must be a whole number, got "${raw}".`);
  return value;
}

export const USAGE = `Usage: nestjs-cinnox <command> [options]

Commands:
  subscribe <webhook-url>     PATCH {hook}-event-sub with enabled: true (CINNOX verifies the URL first)
  unsubscribe <webhook-url>   PATCH {hook}-event-sub with enabled: false
  simulate <webhook-url>      start a local CINNOX simulator, subscribe the URL to it for --hook
                              (challenge included) and deliver, like "stripe trigger": --calls
                              start/end pairs for call; for any other hook, --calls rounds of each
                              of its payload shapes (documented, other envelope, unknown status)
  status [app-url]            what a running app knows of each hook's subscription and last
                              notification, from its CinnoxHealthIndicator (CINNOX's API cannot be
                              asked; default http://127.0.0.1:3000): at the URL's path if it has one,
                              else --health-path, else the first that has it of
                              ${HEALTH_PATHS_SHOWN}

Options:
  --base-url <url>     CINNOX API base URL          (env CINNOX_BASE_URL)
  --app-id <id>        CINNOX app ID                (env CINNOX_APP_ID)
  --app-token <token>  CINNOX app token             (env CINNOX_APP_TOKEN)
  --secret <secret>    webhook secret, sent as ?token= (env CINNOX_WEBHOOK_SECRET)
  --hook <name>        event family (default: call), one of:
                       ${CINNOX_HOOKS.join(', ')}
  --calls <n>          simulate: calls (or rounds of payloads) to send (default: 1)
  --interval <ms>      simulate: pause between them (default: 500)
  --health-path <path> status: the app's health route, e.g. /api/health
  -h, --help           show this help

Exit codes: 0 done (status: every hook up), 1 refused, unreachable or not up, 2 usage error.`;
