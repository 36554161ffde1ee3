import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAppConfig } from '../config/app-config.js';
import { AppLogger } from './app-logger.js';

const SECRET = 'app-logger-secret-0123456789';

function capture(): string[] {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  return lines;
}

const logger = (env: NodeJS.ProcessEnv, tty = false) =>
  new AppLogger(loadAppConfig({ CINNOX_WEBHOOK_SECRET: SECRET, ...env }), { isTTY: tty } as NodeJS.WriteStream);

describe('AppLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('LOG_LEVEL=warn drops log and debug lines, keeps warn and error', () => {
    const lines = capture();
    const log = logger({ LOG_LEVEL: 'warn' });

    log.log('info line', 'Test');
    log.debug('debug line', 'Test');
    log.warn('warn line', 'Test');
    log.error('error line', undefined, 'Test');

    expect(lines.join('')).not.toMatch(/info line|debug line/);
    expect(lines.join('')).toMatch(/warn line[\s\S]*error line/);
  });

  it('LOG_FORMAT=json writes one JSON object per line', () => {
    const lines = capture();

    logger({ LOG_FORMAT: 'json' }).log('call 1\nforged started', 'Calls');

    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'log', context: 'Calls', message: 'call 1\\nforged started' });
  });

  it('colours only on a terminal', () => {
    const lines = capture();

    logger({}, false).warn('plain', 'Test');
    logger({}, true).warn('coloured', 'Test');

    expect(lines[0]).not.toContain('\u001b[');
    expect(lines[1]).toContain('\u001b[');
  });

  it('redacts the secret and escapes control characters in every line, stacks included', () => {
    const lines = capture();

    logger({}).error(`url ?token=${SECRET}\n\u001b[31mforged`, `Error: ${SECRET}\n    at x`, 'Test');

    const text = lines.join('');
    expect(text).not.toContain(SECRET);
    expect(text).toContain('url ?token=[redacted]\\n\\u001b[31mforged');
    expect(text).toContain('Error: [redacted]\n    at x');
  });
});
