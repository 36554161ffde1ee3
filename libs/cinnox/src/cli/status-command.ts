type Print = (line: string) => void;

/** Where `status` looks when the app URL has no path and no `--health-path` is given, in order. */
export const HEALTH_PATHS = ['/health', '/healthz', '/api/health', '/health/ready', '/health/live', '/readyz', '/status', '/api/healthz'];

/** One hook's entry as `CinnoxHealthIndicator` reports it (any key: the host names it). */
interface HookEntry {
  status?: string;
  hook?: string;
  degraded?: boolean;
  subscription?: string;
  state?: string;
  lastError?: string | null;
  lastNotificationAt?: string | null;
  secondsSinceLastNotification?: number | null;
  shuttingDownSince?: string;
}

// Told apart from other indicators by shape, not by key: `subscription` is what every version of the
// indicator reports (`hook` and `degraded` came later).
const isCinnoxEntry = (value: unknown): value is HookEntry =>
  typeof value === 'object' &&
  value !== null &&
  ['subscribed', 'unsubscribed', 'unknown'].includes((value as HookEntry).subscription as string) &&
  'lastNotificationAt' in value;

/** What one URL gave: the indicator's entries, or why there were none. */
type Probe = { url: string; entries: [string, HookEntry][] } | { url: string; problem: string };

async function probe(url: URL): Promise<Probe> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { Accept: 'application/json' } });
  } catch (error) {
    return { url: url.href, problem: `unreachable (${(error as Error).message})` };
  }
  const text = await response.text();
  if (response.status === 404) return { url: url.href, problem: 'HTTP 404, no route there' };
  let report: { details?: Record<string, unknown>; info?: Record<string, unknown>; error?: Record<string, unknown> };
  try {
    report = JSON.parse(text) as typeof report;
  } catch {
    return { url: url.href, problem: `HTTP ${response.status}, not JSON` };
  }
  // terminus answers 503 with the same report when an indicator is down; `details` holds every entry.
  const details = report?.details ?? { ...report?.info, ...report?.error };
  if (typeof details !== 'object' || details === null || Object.keys(details).length === 0) {
    return { url: url.href, problem: `HTTP ${response.status}, not a @nestjs/terminus report` };
  }
  const entries = Object.entries(details).filter((entry): entry is [string, HookEntry] => isCinnoxEntry(entry[1]));
  if (entries.length === 0) {
    return {
      url: url.href,
      problem: `HTTP ${response.status}, a terminus report without CinnoxHealthIndicator (keys: ${Object.keys(details).join(', ')})`,
    };
  }
  return { url: url.href, entries };
}

const describeEntry = ([key, entry]: [string, HookEntry]): string => {
  const shown = entry.status === 'up' && entry.degraded ? 'degraded' : entry.status;
  const silence = entry.secondsSinceLastNotification;
  return (
    `${key}: ${shown}${entry.shuttingDownSince ? ` (shutting down since ${entry.shuttingDownSince})` : ''}; subscription ${entry.subscription}` +
    (entry.state ? ` (lifecycle ${entry.state}${entry.lastError ? `: ${entry.lastError}` : ''})` : '') +
    `; last notification ${entry.lastNotificationAt ? `${entry.lastNotificationAt} (${silence} s ago)` : 'never'}`
  );
};

/**
 * `status [app-url]`: finds the app's CinnoxHealthIndicator entries (at the URL's own path, at
 * `healthPath`, or at the usual health paths) and prints one line per hook; exit code 0 only when every
 * entry is up and not degraded. CINNOX's API has no call to read a subscription (only the PATCH), so it
 * asks the app, which knows what CINNOX last confirmed and when the last notification came.
 */
export async function statusCommand(appUrl: string, healthPath: string | undefined, out: Print, err: Print): Promise<number> {
  const base = new URL(appUrl);
  const paths = healthPath !== undefined ? [healthPath] : base.pathname !== '/' ? [base.pathname] : HEALTH_PATHS;
  const tried: Probe[] = [];
  for (const path of paths) {
    const found = await probe(new URL(`${path.startsWith('/') ? '' : '/'}${path}${base.search}`, base.origin));
    if ('entries' in found) {
      out(`${found.url}:`);
      for (const entry of found.entries) out(describeEntry(entry));
      return found.entries.every(([, entry]) => entry.status === 'up' && !entry.degraded) ? 0 : 1;
    }
    tried.push(found);
  }
  err(
    `No CinnoxHealthIndicator entry found. Looked at:\n${tried.map((one) => `  ${one.url}: ${'problem' in one ? one.problem : ''}`).join('\n')}\n` +
      'Give the health URL itself (nestjs-cinnox status http://host:port/your/health) or --health-path, and wire ' +
      'CinnoxHealthIndicator (nestjs-cinnox/health) into that route.',
  );
  return 1;
}
