/**
 * What CINNOX's reports say of a call (the call log, and the call detail for its direction), as the settled
 * call record and `call.settled` carry it; each field null when CINNOX gave none.
 * @publicApi
 */
export interface CinnoxReportedCall {
  /** Call-log `status`: `Call Ended`, `Declined`, `Busy`, `Not Answered`, `Cancelled`, `Abandoned`, `Unreachable`, `Call Failed`. */
  readonly status: string | null;
  /** Call-log `callDuration`, in seconds. */
  readonly durationSec: number | null;
  /** Call-detail `callDirection`: `Inbound` or `Outbound`. */
  readonly direction: string | null;
  /** Call-log `byeReason`: why the call was disconnected. */
  readonly byeReason: string | null;
  /** Call-log `releaseParty`: who hung up, `Caller` or `Callee`. */
  readonly releaseParty: string | null;
  /** Call-log `mediaType`: `audio` or `video`. */
  readonly mediaType: string | null;
  /** Call-log `inquiryID`: the enquiry the call belongs to. */
  readonly inquiryId: string | null;
  /** Call-log `displayCaseNumber`: the enquiry's display number. */
  readonly caseNumber: string | null;
}
