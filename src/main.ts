import { Logger } from '@nestjs/common';
import { escapeControlChars } from 'nestjs-cinnox';
import { existsSync } from 'node:fs';
import { bootstrap } from './bootstrap.js';

// Variables already in the environment win over the file.
if (existsSync('.env')) process.loadEnvFile('.env');

bootstrap().catch((error: unknown) => {
  new Logger('Bootstrap').error(escapeControlChars(error instanceof Error ? error.message : String(error)));
  process.exitCode = 1;
});
