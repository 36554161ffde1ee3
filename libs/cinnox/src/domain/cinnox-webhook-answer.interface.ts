/**
 * What the webhook answers CINNOX: `{ code: 0, result }`, `result` echoing the challenge when there is one.
 * @publicApi
 */
export interface CinnoxWebhookAnswer {
  readonly code: 0;
  readonly result: { readonly challenge?: string };
}
