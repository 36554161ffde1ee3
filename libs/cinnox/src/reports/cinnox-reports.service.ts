import { Inject, Injectable } from '@nestjs/common';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import {
  invalidArgument,
  reportLimitsExhausted,
  reportQueryRefused,
  reportUnexpectedResponse,
  reportWindowTooLong,
} from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxApiClient, isSuccess, type CinnoxApiRequest } from '../api/cinnox-api.client.js';
import { parseErrorBody } from '../api/parse-error-body.js';
import { CinnoxErrorCode } from '../errors/cinnox-error-code.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxReportQueryError } from '../errors/cinnox-report-query.error.js';
import { CinnoxResponseError } from '../errors/cinnox-response.error.js';
import type {
  CinnoxCallDetailRecord,
  CinnoxCallLogRecord,
  CinnoxReportLimits,
  CinnoxReportPage,
  CinnoxReportQuery,
  CinnoxReportWindow,
} from './cinnox-report-records.interface.js';
import { readReportRecords } from './read-report-records.js';
import { DAY_MS, formatReportTime, MAX_DAYS_MESSAGE, MAX_LIMIT_MESSAGE, REPORT_PARAMETERS, REPORT_PATHS } from './report-parameters.js';
import { toCallDetailRecord, toCallLogRecord } from './to-report-records.js';

interface Report<T> {
  readonly name: 'callLog' | 'callDetail';
  readonly method: string;
  readonly normalize: (raw: Record<string, unknown>) => T;
  // Records met twice (a window split at a record's time, offsets shifted by new records) are yielded once.
  readonly key: (record: T) => string | null;
}

const CALL_LOG: Report<CinnoxCallLogRecord> = {
  name: 'callLog',
  method: 'CinnoxReports.callLog()',
  normalize: toCallLogRecord,
  key: (record) => record.recordId ?? record.callId,
};
const CALL_DETAIL: Report<CinnoxCallDetailRecord> = {
  name: 'callDetail',
  method: 'CinnoxReports.callDetail()',
  normalize: toCallDetailRecord,
  key: (record) => record.id ?? record.recordId ?? record.callId,
};

/**
 * CINNOX's report queries (`GET /v1/api/apps/{appID}/data/call-log` and `.../data/call-detail`) by time window,
 * a page at a time or record by record over a whole window, on the subscription client's retry, rate-limit,
 * redaction, proxy and response-size rules and the module's request budget (reports wait; subscriptions go
 * first). "No records" (6451011) is an empty page whatever HTTP status carries it. CINNOX's page-size and
 * window maxima are learned from its refusals and used from then on.
 * @publicApi
 */
@Injectable()
export class CinnoxReports {
  private pageSize: number;
  private maxQueryDays: number | undefined;

  /** @internal Built by Nest's injector: inject the service, never construct it. */
  constructor(
    private readonly api: CinnoxApiClient,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
  ) {
    this.pageSize = options.reports.pageSize;
    this.maxQueryDays = options.reports.maxQueryDays;
  }

  /** The page size and window length in use: the configured ones, or CINNOX's maxima once learned. */
  get limits(): CinnoxReportLimits {
    return { pageSize: this.pageSize, maxQueryDays: this.maxQueryDays };
  }

  /**
   * One page of the call log: one record per call or conference CINNOX dates in the window.
   * @throws CinnoxOptionsError when the window or offset is malformed (nothing is sent).
   * @throws CinnoxReportQueryError when CINNOX refuses the query (a window longer than its maximum, say).
   * @throws CinnoxApiError, CinnoxNetworkError, CinnoxResponseError as the subscription client does.
   */
  callLog(query: CinnoxReportQuery): Promise<CinnoxReportPage<CinnoxCallLogRecord>> {
    return this.onePage(CALL_LOG, query);
  }

  /** One page of the call detail (1-on-1 calls with their direction and routing); as `callLog()`. */
  callDetail(query: CinnoxReportQuery): Promise<CinnoxReportPage<CinnoxCallDetailRecord>> {
    return this.onePage(CALL_DETAIL, query);
  }

  /**
   * Every call-log record of the window, page after page, the window split to CINNOX's maximum number of days;
   * a record met twice is yielded once.
   */
  eachCallLog(window: CinnoxReportWindow): AsyncIterableIterator<CinnoxCallLogRecord> {
    return this.each(CALL_LOG, window);
  }

  /** Every call-detail record of the window; as `eachCallLog()`. */
  eachCallDetail(window: CinnoxReportWindow): AsyncIterableIterator<CinnoxCallDetailRecord> {
    return this.each(CALL_DETAIL, window);
  }

  private async onePage<T>(report: Report<T>, query: CinnoxReportQuery): Promise<CinnoxReportPage<T>> {
    const { from, to } = checkWindow(report.method, query);
    const offset = query?.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw badArgument(report.method, 'query.offset', 'must be a whole number, 0 or more', offset);
    return this.page(report, from, to, offset, query.signal);
  }

  private async *each<T>(report: Report<T>, window: CinnoxReportWindow): AsyncIterableIterator<T> {
    const method = report.method.replace(/\.call(\w+)\(\)$/, '.eachCall$1()');
    const { from, to } = checkWindow(method, window);
    const seen = new Set<string>();
    let chunkDays = this.maxQueryDays;
    for (let start = from.getTime(); start < to.getTime() || start === from.getTime();) {
      const end = chunkDays === undefined ? to.getTime() : Math.min(to.getTime(), start + chunkDays * DAY_MS);
      let page: CinnoxReportPage<T> | undefined;
      try {
        page = await this.page(report, new Date(start), new Date(end), 0, window.signal);
      } catch (error) {
        // CINNOX named its maximum window: split the rest of the window to it and go on. CINNOX may count
        // calendar days: a chunk of the maximum still refused is shortened by a day.
        if (!(error instanceof CinnoxReportQueryError) || error.maxQueryDays === undefined) throw error;
        const days = error.maxQueryDays;
        const next = end - start > days * DAY_MS ? days : Math.floor((end - start) / DAY_MS) - 1;
        if (next < 1)
          throw new CinnoxReportQueryError(
            reportLimitsExhausted(method, error.vendorMessage ?? ''),
            error.status,
            error.vendorMessage,
            error.attempts,
            days,
          );
        chunkDays = next;
        continue;
      }
      while (page !== undefined) {
        for (const record of page.records) {
          const key = report.key(record);
          if (key !== null && seen.has(key)) continue;
          if (key !== null) seen.add(key);
          yield record;
        }
        page =
          page.nextOffset === undefined
            ? undefined
            : await this.page(report, new Date(start), new Date(end), page.nextOffset, window.signal);
      }
      if (end >= to.getTime()) return;
      start = end;
    }
  }

  // One page, at the learned page size; a refusal naming a smaller maximum is learned and the page asked again.
  private async page<T>(
    report: Report<T>,
    from: Date,
    to: Date,
    offset: number,
    signal: AbortSignal | undefined,
  ): Promise<CinnoxReportPage<T>> {
    const path = `/v1/api/apps/${encodeURIComponent(this.options.appId)}/${REPORT_PATHS[report.name]}`;
    const base = {
      method: 'GET',
      path,
      redact: this.api.redactor(),
      span: { pathTemplate: `/v1/api/apps/{appId}/${REPORT_PATHS[report.name]}` },
    } as const satisfies Partial<CinnoxApiRequest>;
    for (;;) {
      const limit = this.pageSize;
      const params = {
        [REPORT_PARAMETERS.from]: formatReportTime(from),
        [REPORT_PARAMETERS.to]: formatReportTime(to),
        [REPORT_PARAMETERS.offset]: offset,
        [REPORT_PARAMETERS.limit]: limit,
      };
      const response = await this.api.send({ ...base, kind: 'report', appToken: this.options.appToken, params, signal });
      const { code, message } = parseErrorBody(response.data);
      if (code === CinnoxErrorCode.NoRecords) return { records: [], limit };
      if (isSuccess(response)) {
        const raw = readReportRecords(response.data);
        if (typeof raw === 'string') {
          throw new CinnoxResponseError(reportUnexpectedResponse(`GET ${path}`, response.status, raw), response.status, response.attempts);
        }
        const records = raw.map(report.normalize);
        return raw.length >= limit ? { records, limit, nextOffset: offset + raw.length } : { records, limit };
      }
      if (code !== CinnoxErrorCode.BadParameters) throw this.api.refusal(base, response);
      const vendorMessage = message === undefined ? undefined : base.redact(message);
      const maxLimit = Number(MAX_LIMIT_MESSAGE.exec(message ?? '')?.[1]);
      if (maxLimit >= 1 && maxLimit < limit) {
        this.pageSize = maxLimit;
        continue;
      }
      const maxDays = Number(MAX_DAYS_MESSAGE.exec(message ?? '')?.[1]);
      if (maxDays >= 1) {
        this.maxQueryDays = Math.min(maxDays, this.maxQueryDays ?? maxDays);
        throw new CinnoxReportQueryError(
          reportWindowTooLong(`GET ${path}`, maxDays),
          response.status,
          vendorMessage,
          response.attempts,
          maxDays,
        );
      }
      throw new CinnoxReportQueryError(
        reportQueryRefused(`GET ${path}`, response.status, vendorMessage),
        response.status,
        vendorMessage,
        response.attempts,
      );
    }
  }
}

function checkWindow(method: string, window: CinnoxReportWindow): { from: Date; to: Date } {
  if (typeof window !== 'object' || window === null) throw badArgument(method, 'query', 'must be an object such as { from, to }', window);
  const { from, to } = window;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime()))
      throw badArgument(method, `query.${name}`, 'must be a valid Date', value);
  }
  if (to.getTime() < from.getTime()) throw badArgument(method, 'query.to', 'must not be before query.from', to.toISOString());
  return { from, to };
}

function badArgument(method: string, name: string, expected: string, got: unknown): CinnoxOptionsError {
  return new CinnoxOptionsError(name, invalidArgument(method, name, expected, got));
}
