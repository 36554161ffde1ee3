#!/usr/bin/env node
import { runCli } from './cinnox-cli.js';

void runCli(
  process.argv.slice(2),
  process.env,
  (line) => console.log(line),
  (line) => console.error(line),
).then((code) => (process.exitCode = code));
