import { Logger } from '@nestjs/common';
import { escapeControlChars } from 'nestjs-cinnox';
import { existsSync } from 'node:fs';
import { bootstrap } from './bootstrap.js';

// Variables already in the environment win over the file.
if (existsSync('.env')) process.loadEnvFile('.env');

// Scripts that start the app on PORT=0 (the replica test) read the port from this line.
bootstrap().then(
  ({ url }) => new Logger('Bootstrap').log(`Listening on ${url}`),
  (error: unknown) => {
    new Logger('Bootstrap').error(escapeControlChars(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);
