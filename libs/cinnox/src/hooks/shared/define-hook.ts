import type { CinnoxHookDefinition, CinnoxHookEmission } from '../../domain/cinnox-hook-definition.interface.js';
import { CINNOX_DEFAULT_HOOK_PATHS } from '../../domain/cinnox-hook-name.js';

/** What a hook says of itself; `defineHook` fills in the rest the same way for every hook. */
export type CinnoxHookSpec<TDto extends object> = Omit<CinnoxHookDefinition<TDto>, 'defaultRoute' | 'toEvents'> & {
  /** The events of a notification, given its `eventId` (the dedupe key). */
  toEvents(dto: TDto, receivedAt: Date, eventId: string): readonly CinnoxHookEmission[];
};

/** A hook's definition: its default route from `CINNOX_DEFAULT_HOOK_PATHS`, its events' id its dedupe key unless given. */
export function defineHook<TDto extends object>(spec: CinnoxHookSpec<TDto>): CinnoxHookDefinition<TDto> {
  return {
    name: spec.name,
    defaultRoute: CINNOX_DEFAULT_HOOK_PATHS[spec.name],
    dto: spec.dto,
    isHandshake: spec.isHandshake,
    validateMissingIds: spec.validateMissingIds,
    dedupeKey: spec.dedupeKey,
    toEvents: (dto, receivedAt, eventId = spec.dedupeKey(dto)) => spec.toEvents(dto, receivedAt, eventId),
  };
}
