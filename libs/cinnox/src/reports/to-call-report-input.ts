import { boundCallStart } from '../calls/bound-call-start.js';
import type { CinnoxCallReportInput } from '../stores/cinnox-call-record.interface.js';
import type { CinnoxCallLogRecord, CinnoxReportParty } from './cinnox-report-records.interface.js';

type Party = NonNullable<CinnoxCallReportInput['caller']>;

// A call of the log as the store completes it; undefined for a conference or a record with no call id or end.
export function toCallReportInput(record: CinnoxCallLogRecord): CinnoxCallReportInput | undefined {
  if (record.callId === null || record.type === 'conference') return undefined;
  const startedAt = record.startedAt?.getTime() ?? null;
  const endedAt =
    record.endedAt?.getTime() ?? (startedAt !== null && record.durationSec !== null ? startedAt + record.durationSec * 1000 : null);
  if (endedAt === null) return undefined;
  const { status, durationSec, byeReason, releaseParty, mediaType, inquiryId, caseNumber } = record;
  const given = {
    id: record.callId,
    serviceId: record.caller?.serviceId ?? record.callee?.serviceId ?? '',
    caller: toParty(record.caller),
    callees: record.callee && toParty(record.callee) ? [toParty(record.callee)!] : [],
    startedAt: startedAt ?? endedAt,
  };
  const bounded = boundCallStart(given) ?? given;
  return {
    ...bounded,
    startedAt,
    endedAt,
    // The direction comes with settling (call detail).
    cinnox: { status, durationSec, direction: null, byeReason, releaseParty, mediaType, inquiryId, caseNumber },
  };
}

function toParty(party: CinnoxReportParty | null): Party | null {
  if (party === null || (party.eid === null && party.phoneNumber === null)) return null;
  return { ...(party.eid !== null && { eid: party.eid }), ...(party.phoneNumber !== null && { number: party.phoneNumber }) };
}
