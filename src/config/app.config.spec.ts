import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppConfigError } from './app-config.js';
import { readAppSettings, type AppConfigNamespace } from './app.config.js';

// ConfigModule reads `.env` from the working directory, as `npm start` runs it.
async function inDirectoryWithEnvFile<T>(contents: string, read: () => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sample-env-'));
  const cwd = process.cwd();
  writeFileSync(join(dir, '.env'), contents);
  process.chdir(dir);
  try {
    return await read();
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('readAppSettings: the environment through @nestjs/config', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('serves the validated settings under `app` and nothing else, writing nothing to process.env', async () => {
    const { config, configModule } = await readAppSettings({ PORT: '0', LOG_LEVEL: 'DEBUG', CINNOX_QUEUE_PREFIX: 'app-config-spec' });
    const moduleRef = await Test.createTestingModule({ imports: [configModule] }).compile();
    const settings = moduleRef.get<ConfigService<AppConfigNamespace, true>>(ConfigService);

    expect(settings.get('app', { infer: true })).toBe(config);
    expect(config).toMatchObject({ port: 0, logLevel: 'debug', queuePrefix: 'app-config-spec', mode: 'inline' });
    expect(settings.get('CINNOX_QUEUE_PREFIX' as never)).toBeUndefined();
    expect(settings.get('PATH' as never)).toBeUndefined();
    expect(Object.values(process.env)).not.toContain('app-config-spec');
    await moduleRef.close();
  });

  it('reads .env under the variables already set, and leaves process.env as it was', async () => {
    vi.stubEnv('LOG_LEVEL', 'warn');
    vi.stubEnv('CINNOX_QUEUE_PREFIX', undefined);
    const { config } = await inDirectoryWithEnvFile('# comment\nLOG_LEVEL=debug\nCINNOX_QUEUE_PREFIX=from-env-file\n', () =>
      readAppSettings(),
    );

    expect(config).toMatchObject({ logLevel: 'warn', queuePrefix: 'from-env-file' });
    expect(process.env.CINNOX_QUEUE_PREFIX).toBeUndefined();
  });

  it('stops start-up with the AppConfigError naming a bad variable, from the environment or from .env', async () => {
    await expect(readAppSettings({ LOG_FORMAT: 'xml' })).rejects.toThrow(
      new AppConfigError('LOG_FORMAT must be "text", "json", got "xml".'),
    );
    vi.stubEnv('CINNOX_MODE', undefined);
    await expect(inDirectoryWithEnvFile('CINNOX_MODE=batch\n', () => readAppSettings())).rejects.toThrow(
      new AppConfigError('CINNOX_MODE must be "inline", "queue", got "batch".'),
    );
  });
});
