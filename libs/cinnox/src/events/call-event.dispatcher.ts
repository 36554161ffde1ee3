import type { CinnoxCallMessageDto } from '../webhook/dto/cinnox-call-message.dto.js';

/** One validated notification on its way to the listeners, as a queue stores it. */
export interface CinnoxCallEventJob {
  /** The dedupe key: hook, call id and status. */
  readonly key: string;
  readonly message: CinnoxCallMessageDto;
  /** ISO time the webhook received it. */
  readonly receivedAt: string;
}

/**
 * Where the webhook hands notifications when they are not emitted inline: provided by
 * `CinnoxQueueModule` (`nestjs-cinnox/queue`). Absent, the webhook dedupes and emits in the request.
 * @publicApi
 */
export abstract class CinnoxCallEventDispatcher {
  /** Resolves once the job is durably stored; rejects when it could not be (the webhook answers 503). */
  abstract dispatch(job: CinnoxCallEventJob): Promise<void>;
}
