import { Logger } from '@nestjs/common';
import { escapeControlChars } from 'nestjs-cinnox';
import { bootstrap } from './bootstrap.js';

// Scripts that start the app on PORT=0 (the replica test) read the port from this line.
bootstrap().then(
  ({ url }) => new Logger('Bootstrap').log(`Listening on ${url}`),
  (error: unknown) => {
    new Logger('Bootstrap').error(escapeControlChars(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);
