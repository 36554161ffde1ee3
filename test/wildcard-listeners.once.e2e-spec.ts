import { Injectable } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { CinnoxMetrics, CinnoxModule, RecordingEvent } from 'nestjs-cinnox';
import { callStartNotification, recordingNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { test } from './support/e2e.fixture.js';
import { e2eHost } from './support/e2e-host.js';

// The recipe "every event of one hook" (docs/RECIPES.md): with EventEmitter2's wildcard on, `recording.*`
// receives each of the hook's events and nothing of the others, and its failure is the library's to count.
@Injectable()
class RecordingAudit {
  readonly seen: string[] = [];
  @OnEvent('recording.*', { suppressErrors: false })
  any(event: RecordingEvent): void {
    this.seen.push(event.eventId);
    if (event.status === 'fail') throw new Error('audit store refused the failed recording');
  }
}

describe('a wildcard listener on one hook', () => {
  test('receives every event of the hook, and its failure is counted like a decorator listener', async ({ simulator }) => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot({ wildcard: true }),
        CinnoxModule.forRoot({
          baseUrl: simulator.baseUrl,
          appId: simulator.appId,
          appToken: simulator.appToken,
          hooks: ['call', 'recording'],
        }),
      ],
      providers: [RecordingAudit],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const host = e2eHost(app, 'cinnox/webhooks/recording-events');
    try {
      const success = recordingNotification({ id: 'rec-1', status: 'success' });
      const failed = recordingNotification({ id: 'rec-2', status: 'fail' });
      const other = recordingNotification({ id: 'rec-3', status: 'archived' });
      for (const body of [success, failed, other]) expect((await host.post(body)).status).toBe(200);
      expect((await fetch(`${host.url}/cinnox/webhooks/call-events`, post(callStartNotification()))).status).toBe(200);

      const audit = app.get(RecordingAudit);
      expect(audit.seen).toEqual(['recording:rec-1:success:call', 'recording:rec-2:fail:call', 'recording:rec-3:archived:call']);
      const failures = await app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total');
      expect(failures).toContain('cinnox_listener_failures_total{event="recording.fail"} 1');
    } finally {
      await host.close();
    }
  });
});

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
