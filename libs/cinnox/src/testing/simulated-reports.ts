import { CinnoxErrorCode } from '../errors/cinnox-error-code.js';
import { DAY_MS, parseReportTime, REPORT_PARAMETERS, REPORT_PATHS } from '../reports/report-parameters.js';
import type { CinnoxSimulatedCallOutcome } from './cinnox-simulator.interface.js';

interface WireParty {
  eid?: string;
  number?: string | number;
}

interface SimulatedCall {
  readonly seq: number;
  readonly callId: string;
  readonly serviceId: string;
  readonly caller: WireParty | undefined;
  readonly callee: WireParty | undefined;
  readonly startedAt: number;
  endedAt?: number;
  outcome?: CinnoxSimulatedCallOutcome;
}

const { BadParameters: BAD_PARAMETERS, NoRecords: NO_RECORDS } = CinnoxErrorCode;
const KNOWN = new Set<string>(Object.values(REPORT_PARAMETERS));

/** Limits of the simulated report endpoints. */
export interface SimulatedReportLimits {
  readonly maxLimit: number;
  readonly maxQueryDays: number;
  readonly noRecordsStatus: number;
}

/**
 * The calls the simulator placed, answered as CINNOX's call log and call detail: the documented fields, the
 * inferred parameters (reports/report-parameters.ts) and the error table's refusals (code 6451000), and
 * "no records" (6451011) for an empty page.
 */
export class SimulatedReports {
  private readonly calls = new Map<string, SimulatedCall>();

  constructor(private readonly limits: SimulatedReportLimits) {}

  /** Remembers a placed call (delivered or not: CINNOX's reports know every call). */
  started(callId: string, serviceId: string, caller: WireParty | undefined, callee: WireParty | undefined, at = Date.now()): void {
    if (this.calls.has(callId)) return;
    this.calls.set(callId, { seq: this.calls.size + 1, callId, serviceId, caller, callee, startedAt: at });
  }

  /** Ends a placed call with its outcome; false when the call was not placed by the simulator. */
  ended(callId: string, outcome: CinnoxSimulatedCallOutcome = {}, at = Date.now()): boolean {
    const call = this.calls.get(callId);
    if (!call) return false;
    call.endedAt ??= at;
    call.outcome = outcome;
    return true;
  }

  /** The call-log records of every ended call, as the endpoint serves them. */
  callLog(): Record<string, unknown>[] {
    return this.ended$().map(toCallLog);
  }

  /** The call-detail records of every ended call. */
  callDetail(): Record<string, unknown>[] {
    return this.ended$().map(toCallDetail);
  }

  /** The answer to `GET .../data/call-log` or `.../data/call-detail`, or undefined for another path. */
  answer(report: string, query: URLSearchParams): [number, unknown] | undefined {
    const build = report === REPORT_PATHS.callLog ? toCallLog : report === REPORT_PATHS.callDetail ? toCallDetail : undefined;
    if (!build) return undefined;
    const refused = (message: string): [number, unknown] => [400, { code: BAD_PARAMETERS, message }];
    const unknown = [...query.keys()].filter((name) => !KNOWN.has(name));
    if (unknown.length > 0) return refused(`Invalid query: ${unknown.map((name) => `(${name})`).join(', ')}`);
    const [startAt, endAt] = [query.get(REPORT_PARAMETERS.from), query.get(REPORT_PARAMETERS.to)];
    if (startAt === null && endAt === null) return refused('Empty time range (missing startAt and endAt)');
    if (startAt === null || endAt === null) return refused('missing one of startAt, endAt');
    const [from, to] = [parseReportTime(startAt), parseReportTime(endAt)];
    if (Number.isNaN(from) || Number.isNaN(to)) return refused('Bad query');
    if (to < from) return refused('endAt is prior to startAt');
    const offset = Number(query.get(REPORT_PARAMETERS.offset) ?? 0);
    const limit = Number(query.get(REPORT_PARAMETERS.limit) ?? this.limits.maxLimit);
    if (!Number.isInteger(offset) || !Number.isInteger(limit)) return refused('Bad query');
    if (offset < 0) return refused('negative offset');
    if (limit < 0) return refused('negative limit');
    if (limit > this.limits.maxLimit) return refused(`exceed maximum limit ${this.limits.maxLimit}`);
    if (to - from > this.limits.maxQueryDays * DAY_MS) return refused(`Exceed maximum query day ${this.limits.maxQueryDays}`);
    // Dated by the call's start (callDate), the window's start included and its end not (INFERRED).
    const page = this.ended$()
      .filter((call) => call.startedAt >= from && call.startedAt < to)
      .slice(offset, offset + limit);
    if (page.length === 0) return [this.limits.noRecordsStatus, { code: NO_RECORDS, message: 'no records found' }];
    return [200, { code: 0, result: page.map(build) }];
  }

  private ended$(): (SimulatedCall & { endedAt: number })[] {
    return [...this.calls.values()].filter((call): call is SimulatedCall & { endedAt: number } => call.endedAt !== undefined);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
const phone = (party: WireParty | undefined): string | undefined => (party?.number === undefined ? undefined : `+${party.number}`);
const directionOf = (call: SimulatedCall): string => call.outcome?.direction ?? (call.caller?.eid ? 'Outbound' : 'Inbound');

function info(party: WireParty | undefined, serviceId: string, isStaff: boolean): Record<string, unknown> {
  return {
    countryCode: 'HK',
    displayName: party?.eid ?? phone(party) ?? 'unknown',
    eid: party?.eid ?? '',
    isStaff,
    phoneNumber: phone(party) ?? '',
    serviceId,
  };
}

function toCallLog(call: SimulatedCall & { endedAt: number }): Record<string, unknown> {
  const outcome = call.outcome ?? {};
  return {
    hid: `hid-${call.callId}`,
    roomID: `room-${call.seq}`,
    type: 'call',
    status: outcome.status ?? 'Call Ended',
    inquiryID: outcome.inquiryId ?? `inquiry-${call.seq}`,
    displayCaseNumber: outcome.caseNumber ?? `C${String(call.seq).padStart(6, '0')}`,
    callID: call.callId,
    callDuration: Math.round((call.endedAt - call.startedAt) / 1000),
    callDate: iso(call.startedAt),
    callEndTime: iso(call.endedAt),
    byeReason: outcome.byeReason ?? 'Normal call clearing',
    releaseParty: outcome.releaseParty ?? 'Caller',
    virtualNumber: 85230001000,
    mediaType: outcome.mediaType ?? 'audio',
    callerInfo: info(call.caller, call.serviceId, call.caller?.eid !== undefined),
    calleeInfo: info(call.callee, call.serviceId, call.callee?.eid !== undefined),
  };
}

function toCallDetail(call: SimulatedCall & { endedAt: number }): Record<string, unknown> {
  const log = toCallLog(call);
  return {
    id: `detail-${call.callId}`,
    hid: log.hid,
    svcID: call.serviceId,
    date: iso(call.startedAt).slice(0, 10).replaceAll('-', ''),
    roomID: log.roomID,
    seq: call.seq,
    type: 'call',
    fromEID: call.caller?.eid ?? '',
    toEID: call.callee?.eid ?? '',
    fromSvcID: call.serviceId,
    toSvcID: call.serviceId,
    fromRegion: 'HK',
    callSeq: 1,
    callID: call.callId,
    callDirection: directionOf(call),
    callType: 'offnet',
    fromIP: '203.0.113.7',
    callPrepareFromNum: phone(call.caller) ?? '',
    caller: phone(call.caller) ?? '',
    callee: phone(call.callee) ?? '',
    callDate: log.callDate,
    callEndTime: log.callEndTime,
    status: log.status,
    lastResponseCode: '200',
    byeReason: log.byeReason,
    releaseParty: log.releaseParty,
    mediaType: log.mediaType,
  };
}
