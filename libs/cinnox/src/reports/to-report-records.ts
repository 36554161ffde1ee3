import type { CinnoxCallDetailRecord, CinnoxCallLogRecord, CinnoxReportParty } from './cinnox-report-records.interface.js';

type Raw = Readonly<Record<string, unknown>>;

/** A call-log record in the library's style; `raw` keeps every field as sent. */
export function toCallLogRecord(raw: Raw): CinnoxCallLogRecord {
  return {
    callId: text(raw.callID),
    recordId: text(raw.hid),
    roomId: text(raw.roomID),
    type: text(raw.type),
    status: text(raw.status),
    durationSec: count(raw.callDuration),
    startedAt: time(raw.callDate),
    endedAt: time(raw.callEndTime),
    byeReason: text(raw.byeReason),
    releaseParty: text(raw.releaseParty),
    mediaType: text(raw.mediaType),
    inquiryId: text(raw.inquiryID),
    caseNumber: text(raw.displayCaseNumber),
    virtualNumber: text(raw.virtualNumber),
    caller: party(raw.callerInfo),
    callee: party(raw.calleeInfo),
    raw,
  };
}

/** A call-detail record in the library's style; `raw` keeps every field as sent. */
export function toCallDetailRecord(raw: Raw): CinnoxCallDetailRecord {
  return {
    callId: text(raw.callID),
    id: text(raw.id),
    recordId: text(raw.hid),
    serviceId: text(raw.svcID),
    date: text(raw.date),
    roomId: text(raw.roomID),
    direction: text(raw.callDirection),
    callType: text(raw.callType),
    fromEid: text(raw.fromEID),
    toEid: text(raw.toEID),
    caller: text(raw.caller),
    callee: text(raw.callee),
    startedAt: time(raw.callDate),
    endedAt: time(raw.callEndTime),
    status: text(raw.status),
    lastResponseCode: text(raw.lastResponseCode),
    byeReason: text(raw.byeReason),
    releaseParty: text(raw.releaseParty),
    mediaType: text(raw.mediaType),
    raw,
  };
}

function party(value: unknown): CinnoxReportParty | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const info = value as Raw;
  return {
    eid: text(info.eid),
    displayName: text(info.displayName),
    phoneNumber: text(info.phoneNumber),
    countryCode: text(info.countryCode),
    isStaff: typeof info.isStaff === 'boolean' ? info.isStaff : null,
    serviceId: text(info.serviceId),
  };
}

// Numbers are kept as text where CINNOX may send either (virtualNumber is documented as a number).
function text(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

function count(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

function time(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}
