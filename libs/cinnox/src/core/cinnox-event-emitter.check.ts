import { Injectable, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { eventEmitterMissing } from '../cinnox.messages.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';

/**
 * A CinnoxModule provider, so a forgotten `EventEmitterModule.forRoot()` fails with
 * a message that says so (CinnoxEventPublisher and the subscription lifecycle inject EventEmitter2 as optional, so Nest's generic
 * "can't resolve dependencies" error does not come first).
 */
@Injectable()
export class CinnoxEventEmitterCheck {
  constructor(@Optional() emitter?: EventEmitter2) {
    if (emitter === undefined || emitter === null) throw new CinnoxSetupError(eventEmitterMissing());
  }
}
