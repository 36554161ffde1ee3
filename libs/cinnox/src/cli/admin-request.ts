import { CliUsageError } from './cli-options.js';

/** Where a running app's admin routes are and the token they want. */
export interface AdminTarget {
  url: string;
  token: string;
}

/** An answer of the admin routes the command cannot use; the message says what to do, never the token. */
export class AdminRequestError extends Error {}

/**
 * Calls one of a running app's admin routes (the sample's `/admin/*`, or a host's that serves the same shapes)
 * with `Authorization: Bearer <token>`; resolves with the parsed JSON and the Next-Cursor header. A 400 is a
 * usage mistake (exit 2, the app's reason shown); 401, 404 and the rest say what to fix.
 */
export async function adminRequest(
  target: AdminTarget,
  path: string,
  init: { method?: string; body?: unknown; timeoutMs: number },
): Promise<{ body: unknown; nextCursor: string | null }> {
  const url = new URL(path, target.url.endsWith('/') ? target.url : `${target.url}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      signal: AbortSignal.timeout(init.timeoutMs),
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${target.token}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new AdminRequestError(`${url.origin} is unreachable (${(error as Error).message}); is the app running at --url?`, {
      cause: error,
    });
  }
  const text = await response.text();
  const body = parse(text);
  if (response.ok) return { body, nextCursor: response.headers.get('next-cursor') };
  const reason = describe(body) ?? `HTTP ${response.status}`;
  switch (response.status) {
    case 400:
      throw new CliUsageError(`The app refused the request: ${reason}`);
    case 401:
      throw new AdminRequestError(`The app refused the token (HTTP 401): give its ADMIN_TOKEN with --token or CINNOX_ADMIN_TOKEN.`);
    case 404:
      throw new AdminRequestError(
        `The app has no admin routes at ${url.origin}${url.pathname} (HTTP 404): set ADMIN_TOKEN for the app and restart it.`,
      );
    default:
      throw new AdminRequestError(`The app answered HTTP ${response.status}: ${reason}`);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// Nest's error shape: { message: string | string[] }.
function describe(body: unknown): string | undefined {
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

/** The target from the options; a missing token is a usage mistake. */
export function adminTarget(url: string, token: string | undefined): AdminTarget {
  if (!token) throw new CliUsageError("--token (or CINNOX_ADMIN_TOKEN) is required: the app's ADMIN_TOKEN.");
  return { url, token };
}
