import { Injectable } from '@nestjs/common';
import { CinnoxCallReportSource } from '../calls/cinnox-call-report.source.js';
import type { CinnoxCallReportInput, CinnoxReportedCall } from '../stores/cinnox-call-record.interface.js';
import { CinnoxReports } from './cinnox-reports.service.js';
import { toCallReportInput } from './to-call-report-input.js';

/**
 * The call log of a window (one query per page, whatever number of calls it serves), with each call's direction
 * from the call detail of the same window, as the settled call record keeps them; and the ended calls of a
 * window, as a reconcile pass completes them.
 */
@Injectable()
export class CinnoxReportCallSource extends CinnoxCallReportSource {
  constructor(private readonly reports: CinnoxReports) {
    super();
  }

  async reportedCalls(from: Date, to: Date, signal?: AbortSignal): Promise<Map<string, CinnoxReportedCall>> {
    const found = new Map<string, CinnoxReportedCall>();
    for await (const call of this.reports.eachCallLog({ from, to, signal })) {
      if (call.callId === null || call.type === 'conference') continue;
      const { status, durationSec, byeReason, releaseParty, mediaType, inquiryId, caseNumber } = call;
      found.set(call.callId, { status, durationSec, direction: null, byeReason, releaseParty, mediaType, inquiryId, caseNumber });
    }
    if (found.size === 0) return found;
    for await (const detail of this.reports.eachCallDetail({ from, to, signal })) {
      const call = detail.callId === null ? undefined : found.get(detail.callId);
      if (call && detail.direction !== null) found.set(detail.callId!, { ...call, direction: detail.direction });
    }
    return found;
  }

  async *endedCalls(from: Date, to: Date, signal?: AbortSignal): AsyncIterable<CinnoxCallReportInput> {
    for await (const record of this.reports.eachCallLog({ from, to, signal })) {
      const call = toCallReportInput(record);
      if (call !== undefined) yield call;
    }
  }
}
