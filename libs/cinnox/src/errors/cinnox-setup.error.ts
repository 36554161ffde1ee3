import { CinnoxError } from './cinnox.error.js';

/**
 * The host app is wired in a way the module cannot work with (a module it needs is not imported); thrown at start-up.
 * @publicApi
 */
export class CinnoxSetupError extends CinnoxError {}
