import { Injectable } from '@nestjs/common';
import { EVENT_LISTENER_METADATA } from '@nestjs/event-emitter';
import { describe, expect, it } from 'vitest';
import type { CinnoxSubscriptionChangedEvent } from '../domain/cinnox-subscription-changed.event.js';
import { OnCinnoxSubscriptionChanged } from './on-cinnox-subscription-changed.decorator.js';

@Injectable()
class Listener {
  @OnCinnoxSubscriptionChanged({ async: true })
  changed(_event: CinnoxSubscriptionChangedEvent): void {}

  @OnCinnoxSubscriptionChanged()
  anything(): void {}

  // @ts-expect-error a listener taking another type does not compile
  @OnCinnoxSubscriptionChanged()
  wrong(_event: number): void {}
}

describe('@OnCinnoxSubscriptionChanged', () => {
  it('is @OnEvent on cinnox.subscription, passing options through with failures surfaced', () => {
    const metadata = (method: keyof Listener) => Reflect.getMetadata(EVENT_LISTENER_METADATA, Listener.prototype[method]);
    expect(metadata('changed')).toEqual([
      { event: 'cinnox.subscription', options: { async: true, promisify: true, suppressErrors: false } },
    ]);
    expect(metadata('anything')).toEqual([{ event: 'cinnox.subscription', options: { suppressErrors: false } }]);
  });
});
