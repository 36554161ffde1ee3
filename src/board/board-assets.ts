import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

// Beside this file in src/ and, copied by `npm run build`, in dist/.
const read = (name: string): string => readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');

/** The board's page, style sheet and script, read once at start-up: the page loads nothing else. */
@Injectable()
export class BoardAssets {
  readonly page = read('index.html');
  readonly style = read('board.css');
  readonly script = read('board.js');
}
