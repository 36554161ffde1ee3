import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import secureJson from 'secure-json-parse';
import { bodyEmpty, bodyNotJson, bodyTooLarge, webhookBodyTimeout } from '../cinnox.messages.js';
import { JsonWidthMeter } from './json-width-meter.js';
import { WebhookRejection } from './webhook-rejection.js';

/**
 * Reads and parses a JSON body of at most `limit` bytes within `timeoutMs`, the way Fastify's own
 * parser does (raw-body for the limit and UTF-8 decoding with a leading BOM dropped, secure-json-parse
 * refusing `__proto__` and `constructor.prototype` keys), so both adapters accept and refuse alike; a body
 * too wide to be a notification is refused before it is parsed.
 */
export function readJsonBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WebhookRejection(408, webhookBodyTimeout(timeoutMs))), timeoutMs);
  });
  const read = getRawBody(req, { limit, length: req.headers['content-length'], encoding: 'utf-8' }).then(parse, (error: unknown) =>
    Promise.reject(
      (error as { type?: string }).type === 'entity.too.large'
        ? WebhookRejection.body(413, bodyTooLarge(limit))
        : (WebhookRejection.fromParser(error) ?? error),
    ),
  );
  return Promise.race([read, timedOut]).finally(() => clearTimeout(timer));
}

function parse(text: string): unknown {
  if (text.trim() === '') throw WebhookRejection.body(400, bodyEmpty());
  const meter = new JsonWidthMeter();
  if (!meter.write(text)) throw WebhookRejection.body(400, meter.problem);
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw WebhookRejection.body(400, bodyNotJson((error as Error).message), { cause: error });
  }
}
