import type { CinnoxWebhookOutcome } from '../metrics/cinnox-metrics.service.js';

const OUTCOMES: Partial<Record<number, CinnoxWebhookOutcome>> = {
  401: 'unauthorized',
  403: 'forbidden',
  413: 'too_large',
  408: 'timeout',
  415: 'unsupported_media_type',
};

/** The metrics outcome of a refused webhook request, by its HTTP status. */
export const toWebhookOutcome = (status: number): CinnoxWebhookOutcome => OUTCOMES[status] ?? (status >= 500 ? 'error' : 'invalid');
