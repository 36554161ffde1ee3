import { CINNOX_HOOKS } from 'nestjs-cinnox';
import { describe, expect, it } from 'vitest';
import { LogRecorder } from './support/log-recorder.js';
import { startSampleHost } from './support/start-sample-host.js';

// The embedded demo enables every hook: each hook is subscribed with the embedded simulator, its events
// show in the log, the demo calls' recordings reach GET /calls/:id, and the demo's conferences end with their recordings.

describe('embedded demo, every hook', () => {
  it("logs every hook's events and shows the demo calls' recording outcomes", { timeout: 30_000 }, async () => {
    const logs = new LogRecorder();
    // Through the test host: its calls and log in a PostgreSQL schema of its own, not the shared default folder.
    const host = await startSampleHost({ CINNOX_DEMO_INTERVAL_MS: '40' }, logs);
    try {
      const hooksSeen = () => new Set(host.events.map((event) => event.name.split('.')[0]));
      // Every hook, calls included, delivered at least one event (the demo goes through the shapes in turn).
      await expect.poll(() => [...CINNOX_HOOKS].filter((hook) => !hooksSeen().has(hook)), { timeout: 20_000 }).toEqual([]);
      // One log line per event of the other hooks, from the sample's listener.
      const logged = logs.of('HookEvents').map((line) => line.message.split(':')[0]);
      for (const hook of CINNOX_HOOKS.filter((name) => name !== 'call')) {
        expect(logged.some((name) => name!.startsWith(`${hook}.`))).toBe(true);
      }

      // The demo's conferences: each end is followed by its recording, under the same conference id.
      const joined = () =>
        host.events.some(
          (event) =>
            event.name === 'recording.success' &&
            event.payload.conferenceId !== null &&
            host.events.some((other) => other.name === 'conference.ended' && other.payload.conferenceId === event.payload.conferenceId),
        );
      await expect.poll(joined, { timeout: 20_000 }).toBe(true);
      expect(logs.of('HookEvents').some((line) => /^conference\.ended: conference \S+ ended/.test(line.message))).toBe(true);

      const recorded = host.events.filter((event) => event.name.startsWith('recording.') && event.payload.callId !== null);
      const demoCall = recorded.find((event) =>
        host.events.some((other) => other.name === 'call.completed' && other.payload.callId === event.payload.callId),
      );
      expect(demoCall).toBeDefined();
      // The store is PostgreSQL: the recording's write lands just after its event.
      await expect
        .poll(async () => (await host.get(`/calls/${demoCall!.payload.callId}`)).body)
        .toMatchObject({ status: 'ended', recordingStatus: demoCall!.payload.outcome });
    } finally {
      await host.close();
    }
  });
});
