import type { AxiosProxyConfig, AxiosRequestConfig } from 'axios';

/**
 * How the library's HTTP client reaches the CINNOX API: the fields of axios's request config that
 * `HttpModule.register()` of `@nestjs/axios` takes for them, applied to every CINNOX call. Options from
 * `forRootAsync()`'s factory work too (they are applied per request, not when the module is defined).
 *
 * Without `proxy`, axios honours `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` (and lower-case forms) from the
 * environment; `proxy: false` ignores them.
 * @publicApi
 */
export interface CinnoxHttpOptions {
  /**
   * The proxy to send CINNOX calls through, as axios takes it (`{ protocol, host, port, auth }`); `false`
   * ignores the `HTTP_PROXY` / `HTTPS_PROXY` environment variables. Unset: the environment decides.
   */
  proxy?: AxiosProxyConfig | false;
  /** Agent of `http://` calls (keep-alive, a proxy agent with `proxy: false`, ...). */
  httpAgent?: AxiosRequestConfig['httpAgent'];
  /** Agent of `https://` calls (keep-alive, TLS settings, a proxy agent with `proxy: false`, ...). */
  httpsAgent?: AxiosRequestConfig['httpsAgent'];
  /**
   * Headers added to every CINNOX call, e.g. what a gateway on the way needs. `Authorization`,
   * `Content-Type`, `Accept`, `Host` and `Content-Length` are the library's own and are refused here.
   */
  headers?: Readonly<Record<string, string>>;
}

/** The HTTP options after validation: `headers` always present. */
export interface CinnoxResolvedHttpOptions extends Omit<CinnoxHttpOptions, 'headers'> {
  readonly headers: Readonly<Record<string, string>>;
}
