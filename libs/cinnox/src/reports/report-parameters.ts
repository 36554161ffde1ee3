// What the report queries send and which messages teach the client CINNOX's limits. CINNOX documents the paths
// and the answers' fields, not the query parameters: every name and format marked INFERRED comes from its error
// table (docs/error-codes-and-rate-limit, code 6451000). When CINNOX documents them, change them here: the
// client and the simulator read nothing else.

/** Report paths under `/v1/api/apps/{appID}/` (documented). */
export const REPORT_PATHS = {
  callLog: 'data/call-log',
  callDetail: 'data/call-detail',
} as const;

/** Query parameter names (INFERRED from the error table's messages). */
export const REPORT_PARAMETERS = {
  /** Start of the window: "missing one of startAt, endAt", "endAt is prior to startAt". INFERRED. */
  from: 'startAt',
  /** End of the window. INFERRED. */
  to: 'endAt',
  /** Records to skip: "negative offset". INFERRED. */
  offset: 'offset',
  /** Page size: "negative limit", "exceed maximum limit {limit}". INFERRED. */
  limit: 'limit',
} as const;

/** How a window's ends are written: RFC 3339, as every time field of the answers (INFERRED). */
export const formatReportTime = (at: Date): string => at.toISOString();

/** Reads a window end as the simulator receives it (the inverse of `formatReportTime`); NaN when unreadable. */
export const parseReportTime = (text: string): number => (/^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN);

/** CINNOX's refusal of a page larger than its maximum, naming the maximum (error table). */
export const MAX_LIMIT_MESSAGE = /exceed maximum limit (\d+)/i;

/** CINNOX's refusal of a window longer than its maximum, in days (error table: "Exceed maximum query day %d"). */
export const MAX_DAYS_MESSAGE = /exceed maximum query day (\d+)/i;

/** A day, the unit of CINNOX's maximum window (counted as 24 hours: INFERRED). */
export const DAY_MS = 86_400_000;
