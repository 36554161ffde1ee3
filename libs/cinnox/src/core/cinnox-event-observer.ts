import type { CinnoxDeliveryTrace } from './cinnox-delivery-trace.js';
import type { CinnoxSpan } from './cinnox-tracer.js';

/**
 * What the publisher tells after it emitted one event of a delivery: the call tracker follows calls this way,
 * so core knows no hook's events. Provided under this class as its token; absent, nothing observes.
 */
export abstract class CinnoxEventObserver {
  /**
   * Sees `payload` once its listeners were called. Settles when the observer's own work (and the events it
   * emitted) has; pushes its failures to `failures` instead of rejecting. `deliveryId` names a queue delivery
   * across its retries. Events it emits go to the dispatch with `trace`, so the delivery log knows them, and
   * with `span`, so their listeners' spans join the delivery's trace.
   */
  abstract observe(
    payload: object,
    deliveryId: string | undefined,
    failures: unknown[],
    trace?: CinnoxDeliveryTrace,
    span?: CinnoxSpan,
  ): Promise<void>;
}
