/**
 * Options of `CinnoxModule.forRoot()` / the factory of `forRootAsync()`.
 * @publicApi
 */
export interface CinnoxModuleOptions {
  /** Base URL of the CINNOX API, e.g. `https://api.example.cinnox.com`; no trailing `/v1`. */
  baseUrl: string;
  /** The CINNOX app ID (`{appID}` in the API path). */
  appId: string;
  /** The app token sent as `Authorization: Bearer <appToken>`; never logged. */
  appToken: string;
  /**
   * Timeout of one subscription request, in milliseconds.
   * @default 10000
   */
  timeoutMs?: number;
}

/**
 * Options read synchronously when the module is defined (they shape routes, so they cannot wait for a factory).
 * Pass them beside the options in `forRoot({...})` or beside `useFactory` in `forRootAsync({...})`.
 * @publicApi
 */
export interface CinnoxModuleExtras {
  /**
   * Register the module globally.
   * @default false
   */
  isGlobal?: boolean;
  /**
   * Route of the webhook receiver, relative to the app's global prefix.
   * @default 'cinnox/webhooks/call-events'
   */
  webhookPath?: string;
}

/** Options after defaults are merged and validated. */
export interface CinnoxResolvedOptions extends Required<CinnoxModuleOptions> {}
