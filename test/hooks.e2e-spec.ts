import { CINNOX_HOOKS, CinnoxEvent, type CinnoxHookName } from 'nestjs-cinnox';
import {
  callStartNotification,
  challengeRequest,
  cinnoxPayloadShapes,
  CinnoxSimulator,
  externalContactNotification,
  inboundSmsNotification,
  inquiryNotification,
  outboundSmsNotification,
  recordingNotification,
  staffContactNotification,
} from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { APP_ID, APP_TOKEN, test as e2eTest, type E2eHost, type EmittedEvent, type HttpAnswer } from './support/e2e.fixture.js';
import { parseJsonOrText } from './support/parse-json-or-text.js';
import { startLibraryHost } from './support/start-library-host.js';

/** The library with every hook enabled, and the simulator it talks to: one per file, for speed. */
interface HooksHost {
  host: E2eHost;
  simulator: CinnoxSimulator;
  /** The webhook URL of `hook` (its default route). */
  urlOf(hook: CinnoxHookName): string;
  /** POSTs `body` as JSON to `hook`'s route. */
  post(hook: CinnoxHookName, body: unknown): Promise<HttpAnswer>;
  /** What `send` made the app emit: the events recorded while it ran. */
  emittedBy(send: () => Promise<HttpAnswer>): Promise<{ answer: HttpAnswer; events: EmittedEvent[] }>;
}

// vitest reads a fixture's dependencies from its first parameter, which must be an object pattern, even an empty one.
// oxlint-disable-next-line no-empty-pattern
const test = e2eTest.extend('hooks', { scope: 'file' }, async ({}, { onCleanup }): Promise<HooksHost> => {
  const simulator = await CinnoxSimulator.start({ appId: APP_ID, appToken: APP_TOKEN });
  const host = await startLibraryHost(simulator, { hooks: CINNOX_HOOKS });
  onCleanup(async () => {
    await host.close();
    await simulator.stop();
  });
  const urlOf = (hook: CinnoxHookName) => `${host.url}/cinnox/webhooks/${hook}-events`;
  const post = async (hook: CinnoxHookName, body: unknown): Promise<HttpAnswer> => {
    const response = await fetch(urlOf(hook), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: parseJsonOrText(await response.text()) };
  };
  return {
    host,
    simulator,
    urlOf,
    post,
    async emittedBy(send) {
      const before = host.events.length;
      const answer = await send();
      // Inline mode emits before it answers: whatever the request caused is recorded by now.
      return { answer, events: host.events.slice(before) };
    },
  };
});

/** The acknowledgement of a notification: 200, echoing its "internal use" challenge when it carries one. */
const ackOf = ({ challenge }: Record<string, unknown>) => ({
  status: 200,
  body: { code: 0, result: challenge === undefined ? {} : { challenge } },
});

/** Each hook's notification with its identifier removed, and the field the 400 must name. */
const WITHOUT_ID: Array<{ hook: CinnoxHookName; field: string; body: () => Record<string, unknown> }> = [
  { hook: 'call', field: 'id', body: () => dropField(callStartNotification(), 'message.id') },
  { hook: 'recording', field: 'message.id', body: () => dropField(recordingNotification(), 'message.id') },
  { hook: 'inquiry', field: 'eid', body: () => dropField(inquiryNotification(), 'eid') },
  { hook: 'inquiry', field: 'message.eid', body: () => dropField(inquiryNotification({ envelope: 'message' }), 'message.eid') },
  { hook: 'inbound-sms', field: 'id', body: () => dropField(inboundSmsNotification(), 'id') },
  { hook: 'outbound-sms', field: 'TransactionID', body: () => dropField(outboundSmsNotification(), 'TransactionID') },
  { hook: 'staff-contact', field: 'message.id', body: () => dropField(staffContactNotification(), 'message.id') },
  { hook: 'external-contact', field: 'message.id', body: () => dropField(externalContactNotification(), 'message.id') },
];

/** A copy of `body` without the dotted `path` (one level of nesting at most). */
function dropField(body: Record<string, unknown>, path: string): Record<string, unknown> {
  const [outer, inner] = path.split('.') as [string, string | undefined];
  if (inner === undefined) {
    const { [outer]: _dropped, ...rest } = body;
    return rest;
  }
  const { [inner]: _dropped, ...nested } = body[outer] as Record<string, unknown>;
  return { ...body, [outer]: nested };
}

describe('every CINNOX hook over real HTTP', () => {
  describe.each(CINNOX_HOOKS)('the %s hook', (hook) => {
    test('answers its URL verification with the challenge, so CINNOX accepts the subscription', async ({ hooks }) => {
      const request = challengeRequest();
      const { answer, events } = await hooks.emittedBy(() => hooks.post(hook, request));
      expect(answer).toEqual({ status: 200, body: { code: 0, result: { challenge: request.challenge } } });
      expect(events).toEqual([]);

      // The simulator verifies `<hook>-event-sub` with a challenge of its own before storing it.
      await hooks.host.subscriptions.subscribe(hooks.urlOf(hook), hook);
      expect(hooks.simulator.subscription(hook)).toMatchObject({ hook, enabled: true, url: hooks.urlOf(hook) });
    });

    const shapes = cinnoxPayloadShapes().filter((shape) => shape.hook === hook);
    // A body with `type: "message"` and a `challenge` beside its fields is a notification: it is emitted.
    test.for(shapes)('$shape: emitted once as its event, a redelivery deduplicated', async (shape, { hooks }) => {
      const first = await hooks.emittedBy(() => hooks.post(hook, shape.body));
      expect(first.answer).toEqual(ackOf(shape.body));
      expect(first.events.map((event) => event.name)).toEqual([shape.event]);
      expect(first.events[0]!.payload.receivedAt).toBeInstanceOf(Date);
      if (shape.shape === 'unknown status') expect(shape.event).toMatch(/\.other$/);

      const again = await hooks.emittedBy(() => hooks.post(hook, shape.body));
      expect(again.answer).toEqual(ackOf(shape.body));
      expect(again.events).toEqual([]);
    });
  });

  test.for(WITHOUT_ID)("$hook without $field: 400 in CINNOX's shape, nothing emitted", async ({ hook, field, body }, { hooks }) => {
    const { answer, events } = await hooks.emittedBy(() => hooks.post(hook, body()));
    expect(answer).toEqual({ status: 400, body: { code: 400, message: expect.stringContaining(field) } });
    expect(events).toEqual([]);
  });

  test('a message-enveloped notification with a challenge is emitted, not answered as a handshake', async ({ hooks }) => {
    for (const hook of ['recording', 'staff-contact', 'inquiry'] as const) {
      const body =
        hook === 'inquiry'
          ? inquiryNotification({ envelope: 'message', challenge: 'looks-like-a-handshake' })
          : { ...(hook === 'recording' ? recordingNotification() : staffContactNotification()), challenge: 'looks-like-a-handshake' };
      expect(body).toMatchObject({ type: 'message', challenge: 'looks-like-a-handshake' });
      const { answer, events } = await hooks.emittedBy(() => hooks.post(hook, body));
      expect(answer.status).toBe(200);
      expect(events).toHaveLength(1);
      expect(events[0]!.name.startsWith(`${hook}.`)).toBe(true);
    }
  });

  test("the simulator delivers to the subscribed hook's own URL, not the call route", async ({ hooks }) => {
    await hooks.host.subscriptions.subscribe(hooks.urlOf('outbound-sms'), 'outbound-sms');
    const before = hooks.host.events.length;
    const delivery = await hooks.simulator.deliver(outboundSmsNotification({ status: 'Undelivered' }), { hook: 'outbound-sms' });
    expect(delivery).toMatchObject({ hook: 'outbound-sms', url: hooks.urlOf('outbound-sms'), status: 200 });
    expect(hooks.host.events.slice(before).map((event) => event.name)).toEqual([CinnoxEvent.OutboundSmsUndelivered]);
  });
  // Every hook that documents an id: one made only of spaces identifies nothing, so it is refused as missing.
  test.for<[CinnoxHookName, string, () => Record<string, unknown>]>([
    ['call', 'message.id', () => callStartNotification({ id: '   ' })],
    ['recording', 'message.id', () => recordingNotification({ id: ' \t ' })],
    ['inquiry', 'eid', () => inquiryNotification({ eid: '  ' })],
    ['inbound-sms', 'id', () => inboundSmsNotification({ id: ' ' })],
    ['outbound-sms', 'TransactionID', () => outboundSmsNotification({ transactionId: '   ' })],
    ['staff-contact', 'message.id', () => staffContactNotification({ id: '  ' })],
    ['external-contact', 'message.id', () => externalContactNotification({ id: '  ' })],
  ])('the %s hook refuses an id of spaces with a 400 naming %s, emitting nothing', async ([hook, field, body], { hooks }) => {
    const { answer, events } = await hooks.emittedBy(() => hooks.post(hook, body()));
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toContain(`${field} must not be blank`);
    expect(events).toEqual([]);
  });
});
