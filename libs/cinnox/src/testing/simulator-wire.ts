import type { IncomingMessage } from 'node:http';
import type { CinnoxDelivery } from './cinnox-simulator.interface.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as JSON (undefined when empty); throws on bad JSON or more than 1 MiB. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not valid JSON');
  }
}

/** Waits `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when the webhook answered 2xx. */
export const isOk = (delivery: CinnoxDelivery): boolean => delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300;

/** The text parsed as JSON, or the text itself. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fetch failure as one line, with its low-level code (ECONNREFUSED...). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}

/** The message of a simulated failure; with `echoUrl`, it repeats the registered URL as a vendor message may. */
export function simulatedMessage(failure: { echoUrl?: boolean }, body: unknown): string {
  const url = (body as { url?: unknown } | undefined)?.url;
  return failure.echoUrl ? `simulated failure for url ${String(url)}` : 'simulated failure';
}
