import type { IncomingMessage } from 'node:http';
import { WebhookRejection } from './webhook-rejection.js';

/**
 * Reads and parses a JSON body of at most `limit` bytes, refusing early on a larger Content-Length.
 * Small on purpose: the webhook route owns its body (limit, errors in CINNOX's shape) on any adapter.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume(); // drain the rest without keeping it
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      const text = Buffer.concat(chunks, size).toString('utf8');
      if (text.trim() === '') return reject(WebhookRejection.body(400, 'the body is empty; send a JSON object'));
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(WebhookRejection.body(400, `the body is not valid JSON (${(error as Error).message})`));
      }
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function tooLarge(limit: number): WebhookRejection {
  return WebhookRejection.body(413, `the body is larger than ${limit} bytes`);
}
