import { CinnoxApiError, CinnoxEvent, CinnoxStatus, ConferenceEndedEvent, RecordingEvent } from 'nestjs-cinnox';
import { conferenceNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { startSimulator, test } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';

// Issue 22 §4: the conference hook over real HTTP, subscribed at its assumed path, and stopped (not retried) when
// CINNOX does not serve that path.

const publicUrl = ({ port }: { port: number }) => `http://127.0.0.1:${port}`;
const backoff = { initialDelayMs: 20, maxDelayMs: 100 };

describe('the conference hook', () => {
  test('subscribes conference-event-sub through the handshake; a conference_end emits conference.ended, its recording the same id', async ({
    simulator,
    startHost,
  }) => {
    const host = await startHost({ hooks: ['conference', 'recording'], subscription: { publicUrl, backoff } });
    const status = host.app.get(CinnoxStatus);
    await expect.poll(() => status.lifecycle('conference')?.state).toBe('active');
    await expect.poll(() => status.lifecycle('recording')?.state).toBe('active');

    const patch = simulator.requests.find((request) => request.path.endsWith('/conference-event-sub'));
    expect(patch).toMatchObject({ method: 'PATCH', status: 200, path: `/v1/api/apps/${simulator.appId}/conference-event-sub` });
    const conferenceUrl = `${host.url}/cinnox/webhooks/conference-events`;
    expect(simulator.subscription('conference')?.url).toBe(conferenceUrl);
    const challenge = simulator.deliveries.find((delivery) => delivery.hook === 'conference')!;
    const sent = (challenge.body as { challenge: string }).challenge;
    expect(challenge).toMatchObject({ url: conferenceUrl, status: 200, response: { code: 0, result: { challenge: sent } } });

    const placed = await simulator.placeConference({ id: 'conf-e2e-1', serviceId: 'svc-1' });
    expect(placed.delivery).toMatchObject({ status: 200 });
    expect(placed.recording).toMatchObject({ status: 200, body: { message: { type: 'conference', id: 'conf-e2e-1', status: 'success' } } });

    const ended = host.events.filter((event) => event.name === CinnoxEvent.ConferenceEnded);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.payload).toBeInstanceOf(ConferenceEndedEvent);
    expect(ended[0]!.payload).toMatchObject({
      eventId: 'conference:conf-e2e-1:conference_end',
      conferenceId: 'conf-e2e-1',
      serviceId: 'svc-1',
      raw: { status: 'conference_end', serviceId: 'svc-1', id: 'conf-e2e-1' },
    });
    const recordings = host.events.filter((event) => event.name === CinnoxEvent.RecordingSuccess);
    expect(recordings.map((event) => event.payload)).toEqual([expect.any(RecordingEvent)]);
    // The join: the recording's conferenceId is the ended conference's id.
    expect(recordings[0]!.payload).toMatchObject({ conferenceId: ended[0]!.payload.conferenceId, callId: null, recordingOf: 'conference' });

    // A redelivery is dropped; an unknown status is conference.other.
    await simulator.deliver(conferenceNotification({ id: 'conf-e2e-1', serviceId: 'svc-1' }), { hook: 'conference' });
    expect(host.count(CinnoxEvent.ConferenceEnded)).toBe(1);
    await simulator.deliver(conferenceNotification({ id: 'conf-e2e-2', status: 'conference_start' }), { hook: 'conference' });
    expect(host.events.filter((event) => event.name === CinnoxEvent.ConferenceOther).map((event) => event.payload)).toEqual([
      expect.objectContaining({ conferenceId: 'conf-e2e-2', status: 'conference_start' }),
    ]);
  });

  test('answers bad conference bodies 400, naming what is wrong, and emits nothing for them', async ({ startHost }) => {
    const host = await startHost({ hooks: ['conference'] });
    const url = `${host.url}/cinnox/webhooks/conference-events`;
    const post = async (body: unknown) => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    };

    expect(await post({ type: 'message', message: { status: 'conference_end' } })).toMatchObject({
      status: 400,
      text: expect.stringContaining('message.id must be a non-empty string in every conference notification'),
    });
    expect(await post({ message: { id: 'conf-1' } })).toMatchObject({ status: 400, text: expect.stringContaining('message.status') });
    expect(await post({ message: 'nope' })).toMatchObject({ status: 400, text: expect.stringContaining('message must be an object') });
    expect(await post({ message: { id: 7, status: 'conference_end' } })).toMatchObject({ status: 400 });
    expect(host.events.filter((event) => event.name.startsWith('conference.'))).toEqual([]);
  });

  test('stops the subscription as failed on 6450001, naming subscription.paths.conference, without retrying; the other hooks go on', async ({
    startHost,
  }) => {
    const unknown = await startSimulator({ unknownSubscriptionPaths: ['conference-event-sub'] });
    const logger = new LogRecorder();
    const host = await startHost({ hooks: ['call', 'conference'], subscription: { publicUrl, backoff } }, { simulator: unknown, logger });
    const status = host.app.get(CinnoxStatus);

    await expect.poll(() => status.lifecycle('conference')?.state).toBe('failed');
    await expect.poll(() => status.lifecycle('call')?.state).toBe('active');
    expect(status.lifecycle('conference')?.lastError).toMatch(
      /code 6450001.*Set "subscription\.paths\.conference" to the path CINNOX gives/,
    );
    const changed = host.events.filter((event) => event.name === CinnoxEvent.SubscriptionChanged && event.payload.hook === 'conference');
    // Started before the recorder listened, the `subscribing` change may precede it; never a `retrying` one.
    expect(changed.map((event) => event.payload.state).filter((state) => state !== 'subscribing')).toEqual(['failed']);
    expect(changed.at(-1)!.payload.lastError).toBeInstanceOf(CinnoxApiError);
    expect(changed.at(-1)!.payload.lastError).toMatchObject({ code: 6450001, isPathNotFound: true });
    expect(
      logger.lines.some(
        (line) =>
          line.level === 'error' && line.message.includes('"subscription.paths.conference"') && line.message.includes('Nothing is retried'),
      ),
    ).toBe(true);
    // One attempt, not retried (the retry policy and the lifecycle both stop on it).
    expect(unknown.requests.filter((request) => request.path.endsWith('/conference-event-sub')).map((request) => request.status)).toEqual([
      404,
    ]);
    expect(unknown.subscription('conference')).toBeUndefined();
  });

  test('subscribes at the path subscription.paths.conference gives', async ({ startHost }) => {
    const unknown = await startSimulator({ unknownSubscriptionPaths: ['conference-event-sub'] });
    const host = await startHost(
      { hooks: ['conference'], subscription: { publicUrl, backoff, paths: { conference: 'conference-call-event-sub' } } },
      { simulator: unknown },
    );

    await expect.poll(() => host.app.get(CinnoxStatus).lifecycle('conference')?.state).toBe('active');
    expect(unknown.requests.map((request) => request.path)).toEqual([`/v1/api/apps/${unknown.appId}/conference-call-event-sub`]);
  });
});
