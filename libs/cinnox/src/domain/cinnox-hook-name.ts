/** The hook CINNOX calls the call-event subscription; its siblings are listed in `CINNOX_HOOKS`. */
export const CINNOX_CALL_HOOK = 'call';

/**
 * Every CINNOX event hook the library knows, by CINNOX's own path stem (`{hook}-event-sub`). The conference
 * hook's stem is assumed (CINNOX does not document it): `subscription.paths.conference` replaces it.
 * @publicApi
 */
export const CINNOX_HOOKS = [
  CINNOX_CALL_HOOK,
  'recording',
  'inquiry',
  'inbound-sms',
  'outbound-sms',
  'staff-contact',
  'external-contact',
  'label',
  'inquiry-label',
  'conference',
] as const;

/**
 * Each hook's default route, `cinnox/webhooks/<hook>-events`, relative to the global prefix; `hookPaths`
 * moves any of them.
 * @publicApi
 */
export const CINNOX_DEFAULT_HOOK_PATHS = Object.freeze(
  Object.fromEntries(CINNOX_HOOKS.map((hook) => [hook, `cinnox/webhooks/${hook}-events`])) as Record<(typeof CINNOX_HOOKS)[number], string>,
);

/**
 * A hook the library knows: CINNOX's path stem, the `{hook}` in `.../{hook}-event-sub` (note CINNOX's
 * spelling `inquiry`).
 * @publicApi
 */
export type CinnoxHookName = (typeof CINNOX_HOOKS)[number];

/**
 * @deprecated Use `CinnoxHookName`: one name for one concept. Where the library also takes a hook this version
 * does not know (the subscription client, `CinnoxStatus`, so a hook documented later can be subscribed without
 * a release), the parameter is typed `CinnoxHookName | (string & {})`.
 * @publicApi
 */
export type CinnoxHook = CinnoxHookName | (string & {});
