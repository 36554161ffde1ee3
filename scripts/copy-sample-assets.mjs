// tsc emits the sample's TypeScript only: the call board's page, style sheet and script go to dist/ beside it.
import { cpSync } from 'node:fs';

cpSync(new URL('../src/board/public/', import.meta.url), new URL('../dist/board/public/', import.meta.url), { recursive: true });
