import { CinnoxListenerDispatch } from './cinnox-listener-dispatch.js';
import { CinnoxCallFeed } from '../calls/cinnox-call-feed.js';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { describe, expect, it } from 'vitest';
import { CinnoxCallTracker } from '../calls/cinnox-call-tracker.service.js';
import { resolveCinnoxOptions } from '../cinnox-options.provider.js';
import { CinnoxMemoryDedupeStore } from '../dedupe/cinnox-memory-dedupe.store.js';
import type { CallStartEvent } from '../hooks/call/call-start.event.js';
import { CinnoxEventPublisher } from './cinnox-event.publisher.js';
import { CALL_HOOK } from '../hooks/call/call.hook.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxWebhookService } from './cinnox-webhook.service.js';
import { CinnoxNoopTracer } from './cinnox-noop.tracer.js';

const notification = { message: { id: 'call-1', status: 'CallStart', serviceId: 'service-demo' } };

/** The service over the real publisher, emitter and memory store; `heard` collects call.start. */
function service(dedupeStore: CinnoxMemoryDedupeStore) {
  const options = resolveCinnoxOptions({ baseUrl: 'http://127.0.0.1:9', appId: 'a', appToken: 't', webhook: { dedupeStore } });
  const emitter = new EventEmitter2();
  const heard: CallStartEvent[] = [];
  emitter.on('call.start', (event: CallStartEvent) => heard.push(event));
  const metrics = new CinnoxMetrics();
  const tracer = new CinnoxNoopTracer();
  const dispatch = new CinnoxListenerDispatch(emitter, metrics, options, tracer);
  const publisher = new CinnoxEventPublisher(
    dispatch,
    new CinnoxCallFeed(new CinnoxCallTracker(options, options.calls.store, metrics), dispatch),
  );
  return { webhook: new CinnoxWebhookService(publisher, metrics, options, new CinnoxStatus(), tracer), heard };
}

describe('CinnoxWebhookService', () => {
  it('emits a notification once and acknowledges its redelivery without emitting', () => {
    const { webhook, heard } = service(new CinnoxMemoryDedupeStore());
    expect(webhook.handle(CALL_HOOK, notification)).toEqual({ code: 0, result: {} });
    expect(webhook.handle(CALL_HOOK, notification)).toEqual({ code: 0, result: {} });
    expect(heard.map((event) => event.eventId)).toEqual(['call:call-1:CallStart']);
  });

  it('releases the claim when normalizing throws, so the redelivery is emitted instead of taken for a duplicate', () => {
    const { webhook, heard } = service(new CinnoxMemoryDedupeStore());
    let failures = 1;
    const flaky: CinnoxHookDefinition = {
      ...(CALL_HOOK as CinnoxHookDefinition),
      toEvents(dto, receivedAt, eventId) {
        if (failures-- > 0) throw new Error('normalizing failed');
        return CALL_HOOK.toEvents(dto as typeof notification, receivedAt, eventId);
      },
    };

    expect(() => webhook.handle(flaky, notification)).toThrow('normalizing failed');
    expect(webhook.handle(flaky, notification)).toEqual({ code: 0, result: {} });
    expect(heard.map((event) => event.eventId)).toEqual(['call:call-1:CallStart']);
  });
});
