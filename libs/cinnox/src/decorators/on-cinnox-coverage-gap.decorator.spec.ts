import { Injectable } from '@nestjs/common';
import { EVENT_LISTENER_METADATA } from '@nestjs/event-emitter';
import { describe, expect, it } from 'vitest';
import type { CinnoxCoverageGapEvent } from '../domain/cinnox-coverage-gap.event.js';
import { OnCinnoxCoverageGap } from './on-cinnox-coverage-gap.decorator.js';

@Injectable()
class Listener {
  @OnCinnoxCoverageGap({ async: true })
  closed(_event: CinnoxCoverageGapEvent): void {}

  @OnCinnoxCoverageGap()
  anything(): void {}

  // @ts-expect-error a listener taking another type does not compile
  @OnCinnoxCoverageGap()
  wrong(_event: number): void {}
}

describe('@OnCinnoxCoverageGap', () => {
  it('is @OnEvent on cinnox.coverage.gap, passing options through with failures surfaced', () => {
    const metadata = (method: keyof Listener) => Reflect.getMetadata(EVENT_LISTENER_METADATA, Listener.prototype[method]);
    expect(metadata('closed')).toEqual([
      { event: 'cinnox.coverage.gap', options: { async: true, promisify: true, suppressErrors: false } },
    ]);
    expect(metadata('anything')).toEqual([{ event: 'cinnox.coverage.gap', options: { suppressErrors: false } }]);
  });
});
