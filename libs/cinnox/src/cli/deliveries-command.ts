import { adminRequest, adminTarget } from './admin-request.js';
import type { CliOptions } from './cli-options.js';

type Print = (line: string) => void;

/** One entry as the admin route lists it. */
interface DeliveryEntry {
  hook: string;
  receivedAt: string;
  eventIds: string[];
  duplicate: boolean;
  outcome: string;
  failures: { event: string; listener: number; error: string }[];
}

const PAGE = 1000;

/**
 * `deliveries`: lists a running app's logged deliveries (GET /admin/deliveries), oldest first, one line each,
 * following Next-Cursor until `--limit` lines; `--failed` only failed and dead-lettered ones.
 */
export async function deliveriesCommand(options: CliOptions, out: Print): Promise<number> {
  const target = adminTarget(options.url, options.token);
  let cursor: string | null = null;
  let shown = 0;
  do {
    const query = new URLSearchParams({ limit: String(Math.min(PAGE, options.limit - shown)) });
    if (options.failed) query.set('failedOnly', 'true');
    for (const [name, value] of [
      ['from', options.from],
      ['to', options.to],
      ['hook', options.hookFilter],
      ['cursor', cursor],
    ] as const) {
      if (value) query.set(name, value);
    }
    const page = await adminRequest(target, `admin/deliveries?${query.toString()}`, { timeoutMs: 10_000 });
    for (const entry of page.body as DeliveryEntry[]) {
      out(describeEntry(entry));
      shown++;
    }
    cursor = page.nextCursor;
  } while (cursor !== null && shown < options.limit);
  if (shown === 0) out('no deliveries match');
  return 0;
}

function describeEntry(entry: DeliveryEntry): string {
  const failures = entry.failures.map((failure) => `; ${failure.event} listener ${failure.listener}: ${failure.error}`).join('');
  return `${entry.receivedAt} ${entry.hook} ${entry.outcome}${entry.duplicate ? ' (duplicate)' : ''} ${entry.eventIds.join(', ')}${failures}`;
}
