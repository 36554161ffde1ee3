import type { CinnoxCallReportInput, CinnoxReportedCall } from '../stores/cinnox-call-record.interface.js';

/**
 * What settling and reconciling need of CINNOX's reports, declared here so the tracker (core) never imports a client; the
 * module binds it to the report client.
 */
export abstract class CinnoxCallReportSource {
  /** CINNOX's record of every call it dates in the window, by call id. */
  abstract reportedCalls(from: Date, to: Date, signal?: AbortSignal): Promise<Map<string, CinnoxReportedCall>>;

  /** Every call (not conference) CINNOX's call log shows ended in the window, as the call store completes it. */
  abstract endedCalls(from: Date, to: Date, signal?: AbortSignal): AsyncIterable<CinnoxCallReportInput>;
}
