import { Injectable } from '@nestjs/common';
import { EVENT_LISTENER_METADATA, EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { OnCallEnd, OnCallOther, OnCallStart } from './on-call.decorator.js';

@Injectable()
class Listener {
  readonly seen: string[] = [];
  @OnCallStart() start(): void {
    this.seen.push('start');
  }
  @OnCallEnd({ async: true }) end(): void {
    this.seen.push('end');
  }
  @OnCallOther() other(): void {
    this.seen.push('other');
  }
}

describe('@OnCallStart / @OnCallEnd / @OnCallOther', () => {
  it('subscribe each method to its event only', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot()], providers: [Listener] }).compile();
    await moduleRef.init();
    const emitter = moduleRef.get(EventEmitter2);

    emitter.emit(CinnoxEvent.CallStart, {});
    emitter.emit(CinnoxEvent.CallOther, {});
    expect(moduleRef.get(Listener).seen).toEqual(['start', 'other']);
    await moduleRef.close();
  });

  it('are @OnEvent with the event name, passing options through with failures surfaced', () => {
    const metadata = (method: keyof Listener) => Reflect.getMetadata(EVENT_LISTENER_METADATA, Listener.prototype[method]);
    expect(metadata('start')).toEqual([{ event: 'call.start', options: { suppressErrors: false } }]);
    // A detached listener's promise is kept (promisify), so its failure is not an unhandled rejection.
    expect(metadata('end')).toEqual([{ event: 'call.end', options: { async: true, promisify: true, suppressErrors: false } }]);
    expect(metadata('other')).toEqual([{ event: 'call.other', options: { suppressErrors: false } }]);
  });

  it('hand @nestjs/event-emitter suppressErrors: false whatever the host asked, so failures reach the library', () => {
    class Asking {
      @OnCallStart({ suppressErrors: true, prependListener: true }) start(this: void): void {}
    }
    expect(Reflect.getMetadata(EVENT_LISTENER_METADATA, Asking.prototype.start)).toEqual([
      { event: 'call.start', options: { suppressErrors: false, prependListener: true } },
    ]);
  });
});
