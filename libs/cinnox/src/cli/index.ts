// The CLI as a function, for scripts and tests that run it in-process (ESM only, like the bin).
export { runCli } from './cinnox-cli.js';
