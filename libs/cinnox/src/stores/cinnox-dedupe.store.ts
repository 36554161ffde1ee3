/**
 * Remembers which notifications were already emitted, so a redelivery is acknowledged but not emitted
 * twice. Extend it to share the memory between replicas (e.g. in Redis); it is also the DI token.
 * @publicApi
 */
export abstract class CinnoxDedupeStore {
  /**
   * Claims `key` for `ttlMs`. Resolves true for the first claim (emit the event) and false while an
   * earlier claim is alive (a duplicate). Must be atomic across everything sharing the store. Any thenable
   * is waited for, not only a native `Promise`.
   */
  abstract claim(key: string, ttlMs: number): PromiseLike<boolean> | boolean;

  /**
   * Forgets a claim, so a redelivery of that notification is emitted again. The webhook calls it when
   * turning a claimed notification into events threw, before anything was emitted.
   */
  abstract release(key: string): PromiseLike<void> | void;
}
