import { Logger } from '@nestjs/common';
import { bootstrap } from './bootstrap.js';

bootstrap().catch((error: unknown) => {
  new Logger('Bootstrap').error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
