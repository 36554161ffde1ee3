import { CinnoxApiError } from './cinnox-api.error.js';

/**
 * CINNOX refused a report query's parameters (code 6451000) in a way the report client could not adapt to
 * by itself: the message says what to change. A window longer than CINNOX allows, given to a one-page query,
 * is one (`maxQueryDays` then says CINNOX's maximum: split the window, or iterate with `eachCallLog()`).
 * @publicApi
 */
export class CinnoxReportQueryError extends CinnoxApiError {
  /**
   * @param status HTTP status CINNOX answered.
   * @param vendorMessage CINNOX's `message`.
   * @param maxQueryDays CINNOX's longest window, in days, when that is what it refused.
   */
  constructor(
    message: string,
    status: number,
    vendorMessage: string | undefined,
    attempts: number,
    readonly maxQueryDays?: number,
  ) {
    super(message, status, 6451000, vendorMessage, attempts);
  }
}
