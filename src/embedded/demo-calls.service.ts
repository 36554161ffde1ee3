import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';

const CALLERS = [85230001000, '+85230001001', 85230001002];
const CALLEES = [{ number: 85291234567 }, [{ eid: 'staff-007', number: '+85291230007' }, { number: 85291230008 }]];

/** Has the embedded simulator place a call every interval and end it a moment later. */
@Injectable()
export class DemoCallsService implements OnApplicationShutdown {
  private readonly logger = new Logger('DemoCalls');
  private readonly timers = new Set<NodeJS.Timeout>();
  private count = 0;

  constructor(private readonly simulator: CinnoxSimulator) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.logger.log(`The embedded CINNOX simulator places a demo call every ${intervalMs} ms.`);
    this.every(intervalMs, () => void this.placeOne(Math.max(1, Math.floor(intervalMs / 2))));
    void this.placeOne(Math.max(1, Math.floor(intervalMs / 2)));
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async placeOne(lengthMs: number): Promise<void> {
    const n = this.count++;
    const call = await this.simulator.placeCall({
      caller: { eid: `staff-00${n % 3}`, number: CALLERS[n % CALLERS.length] },
      callees: CALLEES[n % CALLEES.length],
    });
    if (call.error || call.status !== 200) {
      this.logger.warn(`Demo call ${call.callId} was not accepted: ${call.error ?? `HTTP ${call.status}`}`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.simulator.endCall(call.callId);
    }, lengthMs);
    this.timers.add(timer);
  }

  private every(intervalMs: number, task: () => void): void {
    const timer = setInterval(task, intervalMs);
    this.timers.add(timer);
  }
}
