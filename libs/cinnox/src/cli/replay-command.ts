import { adminRequest, adminTarget } from './admin-request.js';
import type { CliOptions } from './cli-options.js';

type Print = (line: string) => void;

// A replay re-dispatches every delivery it picks before it answers.
const REPLAY_TIMEOUT_MS = 300_000;

/** `replay`: asks a running app to replay its logged deliveries (POST /admin/replay) and prints how many. */
export async function replayCommand(options: CliOptions, out: Print): Promise<number> {
  const target = adminTarget(options.url, options.token);
  const body = {
    ...(options.from && { from: options.from }),
    ...(options.to && { to: options.to }),
    ...(options.hookFilter && { hook: options.hookFilter }),
    ...(options.failed && { failedOnly: true }),
  };
  const answer = await adminRequest(target, 'admin/replay', { method: 'POST', body, timeoutMs: REPLAY_TIMEOUT_MS });
  const { replayed } = answer.body as { replayed: number };
  out(`replayed ${replayed} ${replayed === 1 ? 'delivery' : 'deliveries'}`);
  return 0;
}
