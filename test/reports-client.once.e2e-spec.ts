import { describe, expect } from 'vitest';
import { CinnoxOptionsError, CinnoxReportQueryError, CinnoxReports, CinnoxResponseError } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { startSimulator, test, type E2eHost } from './support/e2e.fixture.js';

const DAY = 86_400_000;
const around = (ms = 60_000) => ({ from: new Date(Date.now() - ms), to: new Date(Date.now() + ms) });

/** Places and ends `count` calls through the simulator (subscribed to `host`); returns their ids in order. */
async function placeCalls(simulator: CinnoxSimulator, host: E2eHost, count: number): Promise<string[]> {
  if (!simulator.subscription()?.enabled) await host.subscribe();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { callId } = await simulator.placeCall({ caller: { eid: `staff-${i}`, number: 85230001000 + i } });
    await simulator.endCall(callId, undefined, { status: i % 2 ? 'Not Answered' : 'Call Ended', byeReason: `reason-${i}` });
    ids.push(callId);
  }
  return ids;
}

const reportGets = (simulator: CinnoxSimulator, report = 'call-log') =>
  simulator.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/data/${report}`));

async function all<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

describe('the report client against the simulator', () => {
  test('pages through a window: every call once, with the documented fields in camelCase and Dates', async ({ simulator, startHost }) => {
    const host = await startHost({ reports: { pageSize: 3 } });
    const ids = await placeCalls(simulator, host, 7);
    const reports = host.app.get(CinnoxReports);

    const records = await all(reports.eachCallLog(around()));

    expect(records.map((record) => record.callId)).toEqual(ids);
    expect(reportGets(simulator).map((request) => request.query)).toEqual(
      [0, 3, 6].map((offset) => expect.objectContaining({ offset: String(offset), limit: '3' })),
    );
    const wire = simulator.callLogRecords()[1]!;
    expect(records[1]).toEqual({
      callId: wire.callID,
      recordId: wire.hid,
      roomId: wire.roomID,
      type: 'call',
      status: 'Not Answered',
      durationSec: wire.callDuration,
      startedAt: new Date(wire.callDate as string),
      endedAt: new Date(wire.callEndTime as string),
      byeReason: 'reason-1',
      releaseParty: 'Caller',
      mediaType: 'audio',
      inquiryId: wire.inquiryID,
      caseNumber: wire.displayCaseNumber,
      virtualNumber: '85230001000',
      caller: {
        eid: 'staff-1',
        displayName: 'staff-1',
        phoneNumber: '+85230001001',
        countryCode: 'HK',
        isStaff: true,
        serviceId: 'service-demo',
      },
      callee: expect.objectContaining({ phoneNumber: '+85291234567', isStaff: false }),
      raw: wire,
    });

    const page = await reports.callLog({ ...around(), offset: 3 });
    expect(page).toMatchObject({ limit: 3, nextOffset: 6 });
    expect(page.records.map((record) => record.callId)).toEqual(ids.slice(3, 6));
  });

  test('reads the call detail with its direction and call type', async ({ simulator, startHost }) => {
    const host = await startHost();
    const [callId] = await placeCalls(simulator, host, 1);

    const { records, nextOffset } = await host.app.get(CinnoxReports).callDetail(around());

    expect(nextOffset).toBeUndefined();
    expect(records).toEqual([
      expect.objectContaining({ callId, direction: 'Outbound', callType: 'offnet', serviceId: 'service-demo', caller: '+85230001000' }),
    ]);
  });

  test('takes the records from an array or from an object holding one, keeping unknown fields', async ({ simulator, startHost }) => {
    const host = await startHost();
    const record = { callID: 'c-1', status: 'Busy', callDuration: '12', somethingNew: { x: 1 } };
    simulator.failNext(
      { status: 200, body: [record] },
      { status: 200, body: { code: 0, result: { total: 1, records: [record] } } },
      { status: 200, body: { data: [record] } },
      { status: 200, body: { code: 0, result: { total: 1 } } },
    );
    const reports = host.app.get(CinnoxReports);

    for (let i = 0; i < 3; i++) {
      const { records } = await reports.callLog(around());
      expect(records).toEqual([expect.objectContaining({ callId: 'c-1', status: 'Busy', durationSec: 12, raw: record })]);
    }
    const error = await reports.callLog(around()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CinnoxResponseError);
    expect((error as Error).message).toContain('no list of records');
  });

  test('"no records" (6451011) is an empty page whatever the HTTP status, and is never retried', async ({ simulator, startHost }) => {
    const host = await startHost({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const reports = host.app.get(CinnoxReports);

    expect(await reports.callLog(around())).toEqual({ records: [], limit: 100 });
    simulator.failNext({ status: 200, body: { code: 6451011, message: 'no records found' } });
    expect(await reports.callLog(around())).toEqual({ records: [], limit: 100 });
    simulator.failNext({ status: 500, body: { code: 6451011, message: 'no records found' } });
    expect(await all(reports.eachCallDetail(around()))).toEqual([]);

    expect(reportGets(simulator).map((request) => request.status)).toEqual([404, 200]);
    expect(reportGets(simulator, 'call-detail').map((request) => request.status)).toEqual([500]);
  });

  test("learns CINNOX's maximum page size from its refusal and goes on with it", async ({ startHost }) => {
    const limited = await startSimulator({ reportMaxLimit: 4 });
    const host = await startHost({ reports: { pageSize: 50 } }, { simulator: limited });
    const ids = await placeCalls(limited, host, 9);
    const reports = host.app.get(CinnoxReports);

    expect((await all(reports.eachCallLog(around()))).map((record) => record.callId)).toEqual(ids);

    expect(reports.limits.pageSize).toBe(4);
    expect(reportGets(limited).map((request) => [request.status, request.query?.limit, request.query?.offset])).toEqual([
      [400, '50', '0'],
      [200, '4', '0'],
      [200, '4', '4'],
      [200, '4', '8'],
    ]);
  });

  test("learns CINNOX's maximum window from its refusal and splits the window to it", async ({ startHost }) => {
    const limited = await startSimulator({ reportMaxQueryDays: 2 });
    const host = await startHost({}, { simulator: limited });
    const ids = await placeCalls(limited, host, 3);
    const reports = host.app.get(CinnoxReports);
    const window = { from: new Date(Date.now() - 4 * DAY), to: new Date(Date.now() + DAY) };

    const single = await reports.callLog(window).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(CinnoxReportQueryError);
    expect(single).toMatchObject({ maxQueryDays: 2, code: 6451000, message: expect.stringContaining('eachCallLog()') });
    expect(reports.limits.maxQueryDays).toBe(2);

    expect((await all(reports.eachCallLog(window))).map((record) => record.callId)).toEqual(ids);
    const spans = reportGets(limited)
      .slice(1)
      .map((request) => (Date.parse(request.query!.endAt!) - Date.parse(request.query!.startAt!)) / DAY);
    expect(spans).toEqual([2, 2, 1]);
    expect(reportGets(limited).every((request, i) => i === 0 || request.status !== 400)).toBe(true);
  });

  test('retries a rate-limited report (6451010) and refuses a reversed window before sending', async ({ simulator, startHost }) => {
    const host = await startHost({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const reports = host.app.get(CinnoxReports);
    simulator.failNext({ status: 400, body: { code: 6451010, message: 'Too many requests' } });

    expect(await reports.callLog(around())).toEqual({ records: [], limit: 100 });
    expect(reportGets(simulator).map((request) => request.status)).toEqual([400, 404]);

    const { from, to } = around();
    const error = await reports.callLog({ from: to, to: from }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error).toMatchObject({ option: 'query.to', message: expect.stringContaining('must not be before query.from') });
    expect(reportGets(simulator)).toHaveLength(2);
  });

  test('a subscription call takes the reserve while reports wait for the budget', async ({ simulator, startHost }) => {
    // 3 tokens, one a minute: two reports go, the third waits for a token above the reserve of 1.
    const host = await startHost({ requestBudget: { requestsPerMinute: 4, burst: 3, subscriptionReserve: 1 } });
    const reports = host.app.get(CinnoxReports);
    const settled: string[] = [];
    const queries = [0, 1, 2].map((i) =>
      reports.callLog(around()).then(
        () => settled.push(`report ${i}`),
        (error: unknown) => settled.push(`report ${i} failed: ${(error as Error).name}`),
      ),
    );
    await expect.poll(() => settled).toEqual(['report 0', 'report 1']);

    await host.subscribe();

    expect(settled).toEqual(['report 0', 'report 1']);
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'PATCH']);
    // The waiting report is not sent; shutdown cancels it.
    await host.close();
    await Promise.all(queries);
    expect(settled).toEqual(['report 0', 'report 1', 'report 2 failed: CinnoxNetworkError']);
    expect(simulator.requests).toHaveLength(3);
  });
});

describe('the report client and the request budget', () => {
  test('retries take their token from the budget too', async ({ simulator, startHost }) => {
    const host = await startHost({
      requestBudget: { requestsPerMinute: 4, burst: 3, subscriptionReserve: 1 },
      retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    simulator.failNext({ status: 503 }, { status: 503 });
    let outcome = 'pending';
    const query = host.app
      .get(CinnoxReports)
      .callLog(around())
      .then(
        () => (outcome = 'done'),
        (error: unknown) => (outcome = (error as Error).message),
      );

    // The first attempt and one retry take the two tokens above the reserve; the next retry waits.
    await expect.poll(() => simulator.requests.length).toBe(2);
    await host.subscribe();
    expect(outcome).toBe('pending');
    expect(simulator.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['GET 503', 'GET 503', 'PATCH 200']);
    await host.close();
    await query;
    expect(outcome).toMatch(
      /^CINNOX could not be reached for GET \S+: the app is shutting down, while a retry waited for the request budget/,
    );
  });

  test('keeps the app token out of a refused query', async ({ simulator, startHost }) => {
    const host = await startHost();
    simulator.failNext({ status: 400, body: { code: 6451000, message: `Bad query for token ${simulator.appToken}` } });

    const error = await host.app
      .get(CinnoxReports)
      .callLog(around())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxReportQueryError);
    expect(JSON.stringify({ message: (error as Error).message, vendor: (error as CinnoxReportQueryError).vendorMessage })).not.toContain(
      simulator.appToken,
    );
    expect((error as Error).message).toContain('reports/report-parameters.ts');
  });
});

describe("the simulator's report endpoints", () => {
  const get = async (simulator: CinnoxSimulator, query: string, token = 'e2e-token-0123456789') => {
    const response = await fetch(`${simulator.baseUrl}/v1/api/apps/${simulator.appId}/data/call-log?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: await response.json() };
  };
  const start = '2026-01-01T00:00:00.000Z';
  const end = '2026-01-02T00:00:00.000Z';

  test.for([
    ['no window', '', 'Empty time range (missing startAt and endAt)'],
    ['one end of the window', `startAt=${start}`, 'missing one of startAt, endAt'],
    ['a reversed window', `startAt=${end}&endAt=${start}`, 'endAt is prior to startAt'],
    ['a negative offset', `startAt=${start}&endAt=${end}&offset=-1`, 'negative offset'],
    ['a negative limit', `startAt=${start}&endAt=${end}&limit=-1`, 'negative limit'],
    ['a limit over its maximum', `startAt=${start}&endAt=${end}&limit=201`, 'exceed maximum limit 200'],
    ['too many days', `startAt=${start}&endAt=2026-03-01T00:00:00.000Z`, 'Exceed maximum query day 31'],
    ['an unknown parameter', `startAt=${start}&endAt=${end}&from=x`, 'Invalid query: (from)'],
  ])('refuses %s with 6451000 and the error table message', async ([, query, message], { simulator }) => {
    expect(await get(simulator, query)).toEqual({ status: 400, body: { code: 6451000, message } });
  });

  test('answers an empty window with 6451011 and a bad token with 6452000', async ({ simulator }) => {
    expect(await get(simulator, `startAt=${start}&endAt=${end}`)).toEqual({
      status: 404,
      body: { code: 6451011, message: 'no records found' },
    });
    expect((await get(simulator, `startAt=${start}&endAt=${end}`, 'wrong')).body).toMatchObject({ code: 6452000 });
  });

  test('loses the same share of deliveries for the same seed; the reports still know every call', async ({ startHost }) => {
    const runs: boolean[][] = [];
    for (let run = 0; run < 2; run++) {
      const lossy = await startSimulator({ dropRate: 0.3, dropSeed: 42 });
      const host = await startHost({}, { simulator: lossy });
      await placeCalls(lossy, host, 20);
      runs.push(lossy.deliveries.filter((delivery) => 'challenge' in (delivery.body as object) === false).map((d) => d.dropped === true));
      expect(lossy.callLogRecords()).toHaveLength(20);
      expect(host.events.filter((event) => event.name === 'call.end')).toHaveLength(
        runs[run]!.filter((dropped, i) => i % 2 === 1 && !dropped).length,
      );
    }
    expect(runs[0]).toEqual(runs[1]);
    const lost = runs[0]!.filter(Boolean).length;
    expect(lost).toBeGreaterThan(4);
    expect(lost).toBeLessThan(20);
  });
});
