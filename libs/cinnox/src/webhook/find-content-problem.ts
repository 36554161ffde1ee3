// Named: content-type 2 is compiled CommonJS with no default export, so a default import breaks the CommonJS build.
import { parse as parseContentType } from 'content-type';
import typeIs from 'type-is';

const JSON_TYPES = ['application/json', 'application/*+json'];

// A sender uses one Content-Type on every request: the last one found acceptable is not parsed again.
let lastAccepted: string | undefined;

/**
 * Why the request's body cannot be read as JSON text, or undefined when it can: a JSON media type
 * (`application/json` or any `+json`), in UTF-8 (RFC 8259), not compressed. The same answer on every
 * adapter, before a byte of the body is read.
 */
export function findContentProblem(type: string | undefined, encoding: string | undefined): string | undefined {
  if (encoding === undefined && type === lastAccepted && type !== undefined) return undefined;
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return `Content-Encoding "${encoding}" is not supported; send the body uncompressed`;
  }
  if (!type || typeIs.is(type, JSON_TYPES) === false) return `Content-Type must be application/json, got "${type ?? 'none'}"`;
  let charset: string | undefined;
  try {
    charset = parseContentType(type).parameters.charset;
  } catch {
    return `Content-Type "${type}" cannot be parsed`;
  }
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
    return `charset "${charset}" is not supported; send UTF-8`;
  }
  lastAccepted = type;
  return undefined;
}
