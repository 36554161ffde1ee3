import type { AxiosResponse } from 'axios';

interface SentRequest {
  path?: unknown;
  host?: unknown;
  protocol?: unknown;
  socket?: { remotePort?: unknown } | null;
  agent?: { proxy?: unknown } | null;
}

/**
 * The proxy an answer came through, as `protocol://host:port` (no credentials), or undefined when the call
 * went straight to its host. Read from what was sent, so it covers a `proxy` option, `HTTP_PROXY` /
 * `HTTPS_PROXY` and a proxy agent of the host's alike.
 */
export function proxyOf(response: AxiosResponse): string | undefined {
  const request = response.request as SentRequest | undefined;
  // An HTTPS call is tunnelled with CONNECT by a proxy agent (axios's own, or https-proxy-agent given as
  // httpsAgent); such agents keep the proxy's address as `proxy`, a URL or URL-like options.
  const tunnel = request?.agent?.proxy as { protocol?: unknown; hostname?: unknown; host?: unknown; port?: unknown } | undefined;
  if (tunnel && typeof tunnel === 'object' && (typeof tunnel.hostname === 'string' || typeof tunnel.host === 'string')) {
    const host = typeof tunnel.hostname === 'string' && tunnel.hostname !== '' ? tunnel.hostname : String(tunnel.host);
    return address(tunnel.protocol, host, tunnel.port);
  }
  // A plain-HTTP call through a forward proxy names the whole URL as its target (RFC 9112, absolute-form).
  if (typeof request?.path === 'string' && /^https?:\/\//i.test(request.path) && typeof request.host === 'string') {
    return address(request.protocol, request.host, request.socket?.remotePort);
  }
  return undefined;
}

function address(protocol: unknown, host: string, port: unknown): string {
  const scheme = typeof protocol === 'string' && protocol !== '' ? protocol.replace(/:?$/, ':') : 'http:';
  const bare = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${scheme}//${bare}${typeof port === 'number' || (typeof port === 'string' && port !== '') ? `:${port}` : ''}`;
}
