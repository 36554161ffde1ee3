import { Injectable } from '@nestjs/common';
import type { CallEndEvent, CallStartEvent } from 'nestjs-cinnox';
import type { CallRecord } from './call-record.dto.js';

// The sample keeps the newest calls only, so a long-running demo holds flat memory.
const MAX_CALLS = 10_000;

/** In-memory call registry; tolerates `call.end` before `call.start` (the call stays ended). */
@Injectable()
export class CallRegistry {
  private readonly calls = new Map<string, CallRecord>();

  start(event: CallStartEvent): CallRecord {
    const known = this.calls.get(event.callId);
    return this.put({
      id: event.callId,
      serviceId: event.serviceId,
      status: known?.status ?? 'active',
      caller: event.caller,
      callees: event.callees,
      startedAt: event.receivedAt,
      endedAt: known?.endedAt ?? null,
    });
  }

  end(event: CallEndEvent): CallRecord {
    const known = this.calls.get(event.callId);
    return this.put({
      id: event.callId,
      serviceId: event.serviceId,
      status: 'ended',
      caller: known?.caller ?? null,
      callees: known?.callees ?? [],
      startedAt: known?.startedAt ?? null,
      endedAt: event.receivedAt,
    });
  }

  list(): CallRecord[] {
    return [...this.calls.values()];
  }

  get(id: string): CallRecord | undefined {
    return this.calls.get(id);
  }

  private put(record: CallRecord): CallRecord {
    this.calls.set(record.id, record);
    if (this.calls.size > MAX_CALLS) this.calls.delete(this.calls.keys().next().value!);
    return record;
  }
}
