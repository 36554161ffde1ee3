/**
 * Reconcile passes: read CINNOX's call log for a window and complete from it every call the call tracker did
 * not see complete (`call.completed` with `source: 'report'`), once across replicas sharing the call store.
 * A pass runs when a coverage gap of the call hook closes, every `intervalMs` (when set), and on demand
 * (`CinnoxReconciler.reconcile()`). Needs `calls.track`.
 * @publicApi
 */
export interface CinnoxReconcileOptions {
  /**
   * Reconcile each closed coverage gap of the call hook (`cinnox.coverage.gap`; needs the `coverage` option),
   * and, at start-up, the gaps of the last `calls.retentionMs` a stopped replica left half done.
   * @default true
   */
  gaps?: boolean;
  /** Sweep the last `lookbackMs` this often, in ms, for webhooks lost while every replica listened. Unset: no periodic pass. */
  intervalMs?: number;
  /**
   * How far back a periodic pass reads, in ms.
   * @default 3600000 (1 h)
   */
  lookbackMs?: number;
}

/** The reconcile options after defaults are merged and validated. */
export interface CinnoxResolvedReconcileOptions {
  readonly gaps: boolean;
  /** Undefined: no periodic pass. */
  readonly intervalMs?: number;
  readonly lookbackMs: number;
}
