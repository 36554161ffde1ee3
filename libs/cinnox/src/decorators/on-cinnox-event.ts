import { OnEvent, type OnEventOptions } from '@nestjs/event-emitter';
import type { CinnoxEventName } from '../events/cinnox-event.js';

/** A listener decorator for one library event: `@OnEvent(event, options)`, options passed through. */
export const onCinnoxEvent =
  (event: CinnoxEventName) =>
  (options?: OnEventOptions): MethodDecorator =>
    OnEvent(event, options);
