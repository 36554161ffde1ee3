import { Agent, request } from 'node:http';
import { callStartNotification } from 'nestjs-cinnox/testing';

/** POSTs `body` as JSON through `agent`; resolves with the status once the answer is read. */
export function postWith(url: string, agent: Agent, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject).end(JSON.stringify(body));
  });
}

export interface KeepAliveFlood {
  /** Every answer so far, by call id. */
  readonly answered: { id: string; status: number }[];
  /** Settles once every client stopped (its connection failed, or `capMs` passed). */
  readonly done: Promise<void>;
  /** Call ids answered 200. */
  ok(): string[];
}

/**
 * `clients` keep-alive clients (one socket each) posting `call.start` notifications back to back to `url`
 * until their connection is refused or reset, or `capMs` passes: an orchestrator's SIGTERM meets this.
 */
export function keepAliveFlood(url: string, { clients = 4, capMs = 12_000, prefix = 'flood' } = {}): KeepAliveFlood {
  const answered: { id: string; status: number }[] = [];
  const started = Date.now();
  const done = Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let n = 0; Date.now() - started < capMs; n++) {
        const id = `${prefix}-${client}-${n}`;
        try {
          answered.push({ id, status: await postWith(url, agent, callStartNotification({ id })) });
        } catch {
          break; // refused or reset: the app stopped taking requests
        }
      }
      agent.destroy();
    }),
  ).then(() => undefined);
  return { answered, done, ok: () => answered.filter((answer) => answer.status === 200).map((answer) => answer.id) };
}
