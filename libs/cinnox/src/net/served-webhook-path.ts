import { RequestMethod } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';

/**
 * The path the app serves a webhook route at (`route` is the route's own path, no slashes at its ends): the
 * global prefix, unless one of its `exclude` entries covers the route's POST, then the route. The prefix and
 * the exclusions are read from Nest's ApplicationConfig and tested with the expressions Nest compiled for
 * them, as Nest's RoutePathFactory does; the routes are version-neutral, so no version is ever added.
 * Read when the app is set up, not when the module is created: the host sets the prefix in between.
 */
export function servedWebhookPath(route: string, config: ApplicationConfig): string {
  const own = `/${route}`;
  const prefix = config.getGlobalPrefix().replace(/^\/+|\/+$/g, '');
  if (prefix === '') return own;
  const excluded = (config.getGlobalPrefixOptions().exclude ?? []).some(
    ({ requestMethod, pathRegex }) => coversPost(requestMethod) && pathRegex.test(own),
  );
  return excluded ? own : `/${prefix}${own}`;
}

// Nest treats -1 as "every method" too (isRequestMethodAll in @nestjs/core's exclude-route util).
const coversPost = (method: RequestMethod | -1): boolean => method === RequestMethod.ALL || method === RequestMethod.POST || method === -1;
