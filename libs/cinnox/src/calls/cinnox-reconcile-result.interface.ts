/**
 * What one reconcile pass did (`CinnoxReconciler.reconcile()`).
 * @publicApi
 */
export interface CinnoxReconcileResult {
  /** Calls CINNOX's call log holds in the window (conferences not counted), as this replica read them. */
  readonly checked: number;
  /** Calls the tracker did not know, added from the report (`source: 'report'`, `call.completed` emitted). */
  readonly added: number;
  /** Active or stale calls the report shows ended, completed from it (`call.completed` emitted). */
  readonly completed: number;
}
