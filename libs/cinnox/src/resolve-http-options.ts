import { invalidOption } from './cinnox.messages.js';
import { CinnoxOptionsError } from './errors/cinnox-options.error.js';
import type { CinnoxHttpOptions, CinnoxResolvedHttpOptions } from './cinnox-http-options.interface.js';

const KEYS = ['proxy', 'httpAgent', 'httpsAgent', 'headers'];
// Set by the library on every call: a host's value would break the call or send the token elsewhere.
const OWN_HEADERS = new Set(['authorization', 'content-type', 'accept', 'host', 'content-length']);
// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks the `http` option, naming the field at fault; a field axios would take but the library owns is refused. */
export function resolveHttpOptions(http: CinnoxHttpOptions | undefined): CinnoxResolvedHttpOptions {
  if (http === undefined) return { headers: {} };
  if (!isRecord(http as unknown)) fail('http', 'must be an object such as { proxy, httpsAgent, headers }', http);
  const unknown = Object.keys(http).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) {
    fail(`http.${unknown}`, 'is not taken: http takes proxy, httpAgent, httpsAgent and headers (timeouts are timeoutMs, retries retry)');
  }
  const { proxy, httpAgent, httpsAgent, headers = {} } = http;
  if (proxy !== undefined && proxy !== false) checkProxy(proxy);
  if (httpAgent !== undefined && !isRecord(httpAgent as unknown)) fail('http.httpAgent', 'must be an http.Agent', httpAgent);
  if (httpsAgent !== undefined && !isRecord(httpsAgent as unknown)) fail('http.httpsAgent', 'must be an https.Agent', httpsAgent);
  if (!isRecord(headers as unknown)) fail('http.headers', 'must be an object of header names and string values', headers);
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) fail('http.headers', `has "${name}", which is not a header name`);
    if (OWN_HEADERS.has(name.toLowerCase())) fail(`http.headers.${name}`, 'is set by the library on every CINNOX call; leave it out');
    // Values are never echoed: a header may well carry a credential.
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) fail(`http.headers.${name}`, 'must be a string on one line');
  }
  return {
    ...(proxy === undefined ? {} : { proxy }),
    ...(httpAgent === undefined ? {} : { httpAgent }),
    ...(httpsAgent === undefined ? {} : { httpsAgent }),
    headers: { ...(headers as Record<string, string>) },
  };
}

function checkProxy(proxy: unknown): void {
  if (!isRecord(proxy)) fail('http.proxy', 'must be false or an object such as { protocol: "http", host, port }', proxy);
  const { host, port, protocol, auth } = proxy;
  if (typeof host !== 'string' || host.trim() === '') fail('http.proxy.host', 'must be a host name or IP address', host);
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65_535)
    fail('http.proxy.port', 'must be a port from 1 to 65535', port);
  if (protocol !== undefined && (typeof protocol !== 'string' || !/^https?:?$/.test(protocol)))
    fail('http.proxy.protocol', 'must be "http" or "https"', protocol);
  if (auth !== undefined && (!isRecord(auth) || typeof auth.username !== 'string' || typeof auth.password !== 'string')) {
    fail('http.proxy.auth', 'must be { username, password } strings');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(option: string, expected: string, got?: unknown): never {
  throw new CinnoxOptionsError(option, invalidOption(option, expected, got));
}
