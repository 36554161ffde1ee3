/**
 * A party of a call-log record (`callerInfo`, `calleeInfo`), camelCased; null where CINNOX gave nothing.
 * @publicApi
 */
export interface CinnoxReportParty {
  /** `eid`: the party's CINNOX id. */
  readonly eid: string | null;
  /** `displayName`. */
  readonly displayName: string | null;
  /** `phoneNumber`: country code and number, e.g. `+85298765432`. */
  readonly phoneNumber: string | null;
  /** `countryCode`: ISO 3166 two letters. */
  readonly countryCode: string | null;
  /** `isStaff`. */
  readonly isStaff: boolean | null;
  /** `serviceId`. */
  readonly serviceId: string | null;
}

/**
 * One record of CINNOX's call log (`GET .../data/call-log`): one call or conference. Fields are CINNOX's,
 * camelCased, times as Dates; `raw` keeps the record as CINNOX sent it, fields this version does not know included.
 * @publicApi
 */
export interface CinnoxCallLogRecord {
  /** `callID`: the call's id, the one its webhooks carry (by name). Null when absent (a conference may have none). */
  readonly callId: string | null;
  /** `hid`: the record's id. */
  readonly recordId: string | null;
  /** `roomID`. */
  readonly roomId: string | null;
  /** `type`: `call` or `conference`. */
  readonly type: string | null;
  /** `status`: `Call Ended`, `Declined`, `Busy`, `Not Answered`, `Cancelled`, `Abandoned`, `Unreachable` or `Call Failed`. */
  readonly status: string | null;
  /** `callDuration`, in seconds. */
  readonly durationSec: number | null;
  /** `callDate`: when the call started. */
  readonly startedAt: Date | null;
  /** `callEndTime`: when the call ended. */
  readonly endedAt: Date | null;
  /** `byeReason`: why the call was disconnected. */
  readonly byeReason: string | null;
  /** `releaseParty`: who hung up, `Caller` or `Callee`. */
  readonly releaseParty: string | null;
  /** `mediaType`: `audio` or `video`. */
  readonly mediaType: string | null;
  /** `inquiryID`: the enquiry the call belongs to. */
  readonly inquiryId: string | null;
  /** `displayCaseNumber`: the enquiry's display number. */
  readonly caseNumber: string | null;
  /** `virtualNumber`, as text. */
  readonly virtualNumber: string | null;
  /** `callerInfo`. */
  readonly caller: CinnoxReportParty | null;
  /** `calleeInfo`. */
  readonly callee: CinnoxReportParty | null;
  /** The record as CINNOX sent it. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * One record of CINNOX's call detail (`GET .../data/call-detail`): a 1-on-1 call with its routing. Fields are
 * CINNOX's, camelCased, times as Dates; `raw` keeps the record as CINNOX sent it.
 * @publicApi
 */
export interface CinnoxCallDetailRecord {
  /** `callID`. */
  readonly callId: string | null;
  /** `id`. */
  readonly id: string | null;
  /** `hid`. */
  readonly recordId: string | null;
  /** `svcID`. */
  readonly serviceId: string | null;
  /** `date`, as CINNOX writes it (YYYYMMDD). */
  readonly date: string | null;
  /** `roomID`. */
  readonly roomId: string | null;
  /** `callDirection`: `Inbound` or `Outbound`. */
  readonly direction: string | null;
  /** `callType`: `onnet`, `offnet` or `smartcall`. */
  readonly callType: string | null;
  /** `fromEID`, `toEID`. */
  readonly fromEid: string | null;
  readonly toEid: string | null;
  /** `caller`, `callee`: the numbers. */
  readonly caller: string | null;
  readonly callee: string | null;
  /** `callDate`, `callEndTime`. */
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  /** `status`, `lastResponseCode`, `byeReason`, `releaseParty`, `mediaType`. */
  readonly status: string | null;
  readonly lastResponseCode: string | null;
  readonly byeReason: string | null;
  readonly releaseParty: string | null;
  readonly mediaType: string | null;
  /** The record as CINNOX sent it. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * A time window of a report query: calls CINNOX dates from `from` (inclusive) to `to`.
 * @publicApi
 */
export interface CinnoxReportWindow {
  readonly from: Date;
  readonly to: Date;
  /** Ends the query early (a page under way, and the wait for the request budget). */
  readonly signal?: AbortSignal;
}

/**
 * One page of a report query.
 * @publicApi
 */
export interface CinnoxReportQuery extends CinnoxReportWindow {
  /** Records to skip. @default 0 */
  readonly offset?: number;
}

/** One page of a report. @publicApi */
export interface CinnoxReportPage<T> {
  readonly records: T[];
  /** The page size used (the configured one, or CINNOX's maximum once learned). */
  readonly limit: number;
  /** Present when the page was full: the `offset` of the next page. */
  readonly nextOffset?: number;
}

/** The page size and window length the report client uses now (configured, or learned from CINNOX). @publicApi */
export interface CinnoxReportLimits {
  readonly pageSize: number;
  /** Undefined until configured or learned. */
  readonly maxQueryDays: number | undefined;
}
