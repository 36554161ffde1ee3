import { createHash } from 'node:crypto';

/** BullMQ refuses ids with ':' or that look like integers; a digest of the dedupe key is neither. */
export function toJobId(key: string): string {
  return `cinnox-${createHash('sha256').update(key).digest('base64url')}`;
}
