import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { OnCinnoxSubscriptionChanged, type CinnoxSubscriptionChangedEvent, type CinnoxHookName } from 'nestjs-cinnox';
import { cinnoxPayloadShapes, CinnoxSimulator, recordingNotification } from 'nestjs-cinnox/testing';
import type { AppConfigNamespace } from '../config/app.config.js';

const CALLERS = [85230001000, '+85230001001', 85230001002];
const CALLEES = [{ number: 85291234567 }, [{ eid: 'staff-007', number: '+85291230007' }, { number: 85291230008 }]];

/**
 * Has the embedded simulator place a call every interval and end it a moment later, from the moment the
 * library reports the call subscription active; each ended call's recording follows, and one payload of
 * another subscribed hook goes with every call (in turn), so the log shows every kind of event; every fifth
 * call, a conference ends too, followed by its recording. With SAMPLE_FAIL_CALL_PREFIX set, every third call's id
 * starts with it.
 */
@Injectable()
export class DemoCallsService implements OnModuleDestroy {
  private readonly logger = new Logger('DemoCalls');
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  private started = false;
  private count = 0;
  // Hooks whose subscription is active: the simulator delivers only to subscribed URLs.
  private readonly subscribed = new Set<CinnoxHookName | (string & {})>();

  constructor(
    private readonly simulator: CinnoxSimulator,
    private readonly config: ConfigService<AppConfigNamespace, true>,
  ) {}

  // A refresh that fails and recovers enters `active` again; the demo starts only once.
  @OnCinnoxSubscriptionChanged()
  onSubscription(event: CinnoxSubscriptionChangedEvent): void {
    if (event.state === 'active') this.subscribed.add(event.hook);
    if (event.hook === 'call' && event.state === 'active') this.start(this.config.get('app', { infer: true }).demoIntervalMs);
  }

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.started || this.stopped) return;
    this.started = true;
    this.logger.log(`The embedded CINNOX simulator places a demo call every ${intervalMs} ms.`);
    const lengthMs = Math.max(1, Math.floor(intervalMs / 2));
    const tick = () => {
      this.track(this.placeOne(lengthMs));
      this.track(this.sendOtherHook());
      if (this.count % 5 === 1) this.track(this.placeConference());
    };
    this.timers.add(setInterval(tick, intervalMs));
    tick();
  }

  // In the first shutdown hook, before the webhook's server stops taking requests (CinnoxModule does that in
  // beforeApplicationShutdown): stop the timers and let deliveries under way finish, so none is cut off.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.inFlight);
  }

  private track(work: Promise<unknown>): void {
    if (this.stopped) return;
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async placeOne(lengthMs: number): Promise<void> {
    if (this.stopped) return;
    const n = this.count++;
    const call = await this.simulator.placeCall({
      id: this.failingCallId(n),
      caller: { eid: `staff-00${n % 3}`, number: CALLERS[n % CALLERS.length] },
      callees: CALLEES[n % CALLEES.length],
    });
    // A start lost on purpose (CINNOX_SIMULATOR_DROP_RATE) is still a call: it ends, and CINNOX's reports know it.
    if (!call.dropped && (call.error || call.status !== 200)) {
      this.logger.warn(`Demo call ${call.callId} was not accepted: ${call.error ?? `HTTP ${call.status}`}`);
      return;
    }
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.endOne(call.callId));
    }, lengthMs);
    this.timers.add(timer);
  }

  // With SAMPLE_FAIL_CALL_PREFIX, every third demo call gets an id the sample's call-start listener fails on,
  // so its start is logged as failed and can be replayed once the sample runs without it.
  private failingCallId(n: number): string | undefined {
    const prefix = this.config.get('app', { infer: true }).failCallPrefix;
    return prefix !== undefined && n % 3 === 2 ? `${prefix}${randomUUID()}` : undefined;
  }

  private async endOne(callId: string): Promise<void> {
    await this.simulator.endCall(callId);
    // Every other demo recording fails, so GET /calls/:id shows both outcomes.
    const status = this.count % 2 === 0 ? 'success' : 'fail';
    if (!this.stopped && this.subscribed.has('recording')) {
      await this.deliver('recording', recordingNotification({ id: callId, status }));
    }
  }

  // CINNOX documents only a conference's end: the simulator sends it, then its recording (same id) when subscribed.
  private async placeConference(): Promise<void> {
    if (this.stopped || !this.subscribed.has('conference')) return;
    try {
      const recording = this.subscribed.has('recording') ? 'success' : false;
      const { conferenceId, delivery } = await this.simulator.placeConference({ recording });
      if (!delivery.dropped && (delivery.error || delivery.status !== 200)) {
        this.logger.warn(`Demo conference ${conferenceId} was not accepted: ${delivery.error ?? `HTTP ${delivery.status}`}`);
      }
    } catch (error) {
      this.logger.warn(`Demo conference not sent: ${(error as Error).message}`);
    }
  }

  // One payload of the next subscribed hook other than calls, its shapes taken in turn.
  private async sendOtherHook(): Promise<void> {
    const shapes = cinnoxPayloadShapes().filter((shape) => shape.hook !== 'call' && this.subscribed.has(shape.hook));
    if (this.stopped || shapes.length === 0) return;
    const shape = shapes[this.count % shapes.length]!;
    await this.deliver(shape.hook, shape.body);
  }

  // A subscription CINNOX dropped makes the simulator throw: the demo logs it and goes on.
  private async deliver(hook: CinnoxHookName | (string & {}), body: unknown): Promise<void> {
    try {
      const delivery = await this.simulator.deliver(body, { hook });
      if (!delivery.dropped && (delivery.error || delivery.status !== 200)) {
        this.logger.warn(`Demo ${hook} payload was not accepted: ${delivery.error ?? `HTTP ${delivery.status}`}`);
      }
    } catch (error) {
      this.logger.warn(`Demo ${hook} payload not sent: ${(error as Error).message}`);
    }
  }
}
