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
  /** deliveries, replay: the running app's base URL. */
  url: string;
  /** deliveries, replay: the app's admin token (never printed). */
  token?: string;
  /** deliveries, replay: only failed and dead-lettered deliveries. */
  failed: boolean;
  /** deliveries, replay: received at or after / before (RFC 3339, checked by the app). */
  from?: string;
  to?: string;
  /** deliveries, replay: `--hook` as a filter, only when given (`hook` has a default). */
  hookFilter?: string;
  /** deliveries: most entries printed. */
  limit: number;
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
        hook: { type: 'string' },
        secret: { type: 'string' },
        calls: { type: 'string', default: '1' },
        interval: { type: 'string', default: '500' },
        'health-path': { type: 'string' },
        url: { type: 'string', default: 'http://127.0.0.1:3000' },
        token: { type: 'string' },
        failed: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        limit: { type: 'string', default: '100' },
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
    hook: values.hook ?? CINNOX_CALL_HOOK,
    secret: values.secret ?? env.CINNOX_WEBHOOK_SECRET,
    calls: wholeNumber('--calls', values.calls!),
    intervalMs: wholeNumber('--interval', values.interval!),
    healthPath: values['health-path'],
    url: values.url!,
    token: values.token ?? env.CINNOX_ADMIN_TOKEN,
    failed: values.failed!,
    from: values.from,
    to: values.to,
    hookFilter: values.hook,
    limit: wholeNumber('--limit', values.limit!),
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
  deliveries                  list a running app's logged deliveries, oldest first, from its admin
                              route (GET /admin/deliveries; the sample serves it when ADMIN_TOKEN is
                              set): --url, --token, [--failed] [--from] [--to] [--hook] [--limit]
  replay                      ask a running app to replay its logged deliveries (POST /admin/replay)
                              and print how many it re-dispatched: --url, --token, [--failed]
                              [--from] [--to] [--hook]

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
  --url <app-url>      deliveries, replay: the running app (default: http://127.0.0.1:3000)
  --token <token>      deliveries, replay: the app's ADMIN_TOKEN (env CINNOX_ADMIN_TOKEN)
  --failed             deliveries, replay: only failed and dead-lettered deliveries
  --from, --to <time>  deliveries, replay: received at or after / before, RFC 3339
                       (e.g. 2026-01-31T12:00:00Z); with --hook, only that hook's
  --limit <n>          deliveries: most entries listed (default: 100)
  -h, --help           show this help

Exit codes: 0 done (status: every hook up), 1 refused, unreachable or not up, 2 usage error.`;
