import { runCli } from 'nestjs-cinnox/cli';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { afterAll, describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { DATABASE_URL, dropSchema, postgresAvailable, postgresPool, testSchema } from './support/postgres.js';

// Issue 21 §2: `nestjs-cinnox deliveries` and `replay` against a real running sample, over its admin routes.

const reachable = await postgresAvailable('the CLI admin command tests');
const TOKEN = 'admin-token-0123456789';

/** Runs the CLI in-process with `env`, collecting what it prints. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    env,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err: err.join('\n') };
}

describe.skipIf(!reachable)('nestjs-cinnox deliveries and replay against the running sample', () => {
  const pool = postgresPool(1);
  const schema = testSchema();
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  test('lists the failed deliveries, replays them once the fix is deployed, and then lists none', async ({ simulator, startSample }) => {
    const env = { ...cinnoxEnv(simulator), DATABASE_URL, CINNOX_DB_SCHEMA: schema, ADMIN_TOKEN: TOKEN };
    const broken = await startSample({ ...env, SAMPLE_FAIL_CALL_PREFIX: 'fail-' });
    await broken.subscribe();
    for (const id of ['fail-a', 'ok-b', 'fail-c']) expect((await simulator.deliver(callStartNotification({ id }))).status).toBe(200);

    // An entry is logged once the delivery's listeners settled, just after the webhook's answer.
    await expect.poll(async () => (await cli(['deliveries', '--url', broken.url, '--token', TOKEN])).out).toHaveLength(3);
    const failed = await cli(['deliveries', '--url', broken.url, '--token', TOKEN, '--failed']);
    expect(failed).toMatchObject({ code: 0, err: '' });
    expect(failed.out).toEqual([
      expect.stringMatching(/^\S+Z call failed call:fail-a:CallStart; call\.start listener \d+: .*SAMPLE_FAIL_CALL_PREFIX/),
      expect.stringMatching(/^\S+Z call failed call:fail-c:CallStart; call\.start listener \d+: /),
    ]);
    // --limit follows the pages up to that many; the token may come from CINNOX_ADMIN_TOKEN.
    const two = await cli(['deliveries', '--url', broken.url, '--limit', '2', '--hook', 'call'], { CINNOX_ADMIN_TOKEN: TOKEN });
    expect(two.out).toEqual([
      expect.stringContaining('call:fail-a:CallStart'),
      expect.stringContaining('call delivered call:ok-b:CallStart'),
    ]);
    await broken.close();

    const fixed = await startSample(env);
    expect(await cli(['replay', '--url', fixed.url, '--token', TOKEN, '--failed'])).toEqual({
      code: 0,
      out: ['replayed 2 deliveries'],
      err: '',
    });
    await expect
      .poll(async () => (await cli(['deliveries', '--url', fixed.url, '--token', TOKEN, '--failed'])).out)
      .toEqual(['no deliveries match']);
  });

  test('says what to fix for a missing or wrong token, an app without admin routes and a bad value; never prints the token', async ({
    simulator,
    startSample,
  }) => {
    const admin = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN });
    const plain = await startSample(cinnoxEnv(simulator));

    const missing = await cli(['deliveries', '--url', admin.url]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--token (or CINNOX_ADMIN_TOKEN) is required');

    const wrongToken = 'wrong-token-secret-value';
    for (const command of ['deliveries', 'replay']) {
      const wrong = await cli([command, '--url', admin.url, '--token', wrongToken]);
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain('refused the token (HTTP 401)');
      expect(wrong.err + wrong.out.join('\n')).not.toContain(wrongToken);
    }

    const noRoutes = await cli(['replay', '--url', plain.url, '--token', TOKEN]);
    expect(noRoutes.code).toBe(1);
    expect(noRoutes.err).toContain('has no admin routes');
    expect(noRoutes.err).toContain('set ADMIN_TOKEN');
    expect(noRoutes.err).not.toContain(TOKEN);

    const bad = await cli(['deliveries', '--url', admin.url, '--token', TOKEN, '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('The app refused the request: from must be');
  });
});
