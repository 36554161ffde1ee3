import { Injectable } from '@nestjs/common';
import { OnCinnoxSubscriptionChanged, type CinnoxSubscriptionChangedEvent } from 'nestjs-cinnox';

/** Records every `cinnox.subscription` event, in order. */
@Injectable()
export class SubscriptionRecorder {
  readonly events: CinnoxSubscriptionChangedEvent[] = [];

  @OnCinnoxSubscriptionChanged()
  changed(event: CinnoxSubscriptionChangedEvent): void {
    this.events.push(event);
  }

  /** The states entered, in order. */
  get states(): string[] {
    return this.events.map((event) => event.state);
  }
}
