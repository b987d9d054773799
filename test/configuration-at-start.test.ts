import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToEnd } from './support/finished-process.js';
import { startWorker } from './support/worker.js';

// An invalid setting stops the start everywhere, with a message naming it: a Node process exits with it, and a Worker,
// which cannot refuse to start, answers every request with it.

const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-configuration-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `node --import tsx file args…` to its end, with `env` over this process's environment and no Postgres server. */
function run(file: string, args: string[], env: Record<string, string>) {
  return runToEnd(process.execPath, ['--import', 'tsx', file, ...args], {
    ...process.env,
    DATABASE_URL: '',
    WHOSAID_DATA_DIR: join(dataDir, 'unused'),
    PORT: '0',
    ...env,
  });
}

describe('a Node process with a setting it cannot use', () => {
  it('the server (npm start) exits 1, naming each such setting, without a stack trace', async () => {
    expect(await run('src/server/node.ts', [], { PORT: '99999', WHOSAID_STATEMENT_TIMEOUT_MS: 'soon' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Invalid configuration:\n' +
        '  PORT: must be a whole number from 0 to 65535\n' +
        '  WHOSAID_STATEMENT_TIMEOUT_MS: must be a whole number from 0 to 3600000\n',
    });
  });

  it('npm run keys -- list exits 1, naming it, and opens no database', async () => {
    expect(await run('scripts/keys.ts', ['list'], { WHOSAID_STATEMENT_TIMEOUT_MS: 'soon' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Invalid configuration:\n  WHOSAID_STATEMENT_TIMEOUT_MS: must be a whole number from 0 to 3600000\n',
    });
    expect(existsSync(join(dataDir, 'unused'))).toBe(false);
  });

  it('npm run db:migrate exits 1 without DATABASE_URL: it works on a Postgres server only', async () => {
    expect(await run('scripts/db-migrate.ts', [], {})).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Invalid configuration:\n' +
        '  DATABASE_URL: not set: this command works on a Postgres server, e.g. postgres://postgres@127.0.0.1:5432/whosaid\n',
    });
  });

  it('npm run bench:generate exits 1 on a DATABASE_URL that is not Postgres, or without one, naming it', async () => {
    const mysql = await run('scripts/bench-generate.ts', ['--size', 'small'], { DATABASE_URL: 'mysql://x' });
    expect(mysql).toMatchObject({ code: 1, stdout: '' });
    expect(mysql.stderr).toMatch(/^Invalid configuration:\n {2}DATABASE_URL: must be a postgres:\/\/ URL\nusage: /);
    const unset = await run('scripts/bench-generate.ts', ['--size', 'small'], {});
    expect(unset).toMatchObject({ code: 1, stdout: '' });
    expect(unset.stderr).toMatch(
      /^Invalid configuration:\n {2}DATABASE_URL: not set: this command works on a Postgres/,
    );
  });

  it('npm run bench:generate -- --help prints the usage, sizes and flags, and exits 0', async () => {
    const help = await run('scripts/bench-generate.ts', ['--help'], { DATABASE_URL: 'mysql://x' });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: .*npm run bench:generate -- --size small\|medium\|large/);
    for (const line of [/small +1,000 claims/, /medium +100,000 claims/, /large +1,000,000 claims/]) {
      expect(help.stdout).toMatch(line);
    }
    for (const flag of ['--seed N', '--replace', '--pglite', '--help']) expect(help.stdout).toContain(`  ${flag}`);
  });

  it('npm run bench exits 1 on a DATABASE_URL that is not Postgres, naming it; --help exits 0', async () => {
    const mysql = await run('bench/run.ts', [], { DATABASE_URL: 'mysql://x' });
    expect(mysql).toMatchObject({ code: 1, stdout: '' });
    expect(mysql.stderr).toMatch(/^Invalid configuration:\n {2}DATABASE_URL: must be a postgres:\/\/ URL\n/);
    const help = await run('bench/run.ts', ['--help'], {});
    expect(help).toMatchObject({ code: 0, stdout: '' });
    expect(help.stderr).toMatch(/^usage: DATABASE_URL=postgres:\/\/… npm run bench/);
  });

  it("the benchmark's PostGraphile process exits 1 on a PEER_CONNECTIONS that is not a number, naming it", async () => {
    const peer = { DATABASE_URL: 'postgres://whosaid@127.0.0.1:1/whosaid', PEER_CONNECTIONS: 'ten' };
    expect(await run('bench/peer-process.ts', [], peer)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Invalid configuration:\n  PEER_CONNECTIONS: must be a whole number, 1 or more\n',
    });
  });

  it('while with good settings npm run keys -- list opens PGlite in WHOSAID_DATA_DIR, making the directory', async () => {
    const fresh = join(dataDir, 'not', 'made', 'yet');
    expect(await run('scripts/keys.ts', ['list'], { WHOSAID_DATA_DIR: fresh })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
  });
});

describe('the Worker with a var it cannot use', () => {
  it('answers every request 500 MISCONFIGURED naming WHOSAID_STATEMENT_TIMEOUT_MS, not the default timeout', async () => {
    const worker = await startWorker({
      DATABASE_URL: 'postgres://whosaid@127.0.0.1:1/whosaid',
      WHOSAID_STATEMENT_TIMEOUT_MS: 'soon',
    });
    try {
      const misconfigured = {
        status: 500,
        body: {
          errors: [
            {
              message:
                'whosaid is not configured: WHOSAID_STATEMENT_TIMEOUT_MS: must be a whole number from 0 to 3600000',
              extensions: { code: 'MISCONFIGURED' },
            },
          ],
        },
      };
      expect(await worker.graphql('{ __typename }')).toEqual(misconfigured);
      expect(await worker.graphql('{ actor(slug: "donald-trump") { name } }')).toEqual(misconfigured);
    } finally {
      await worker.close();
    }
  });

  it('answers MISCONFIGURED naming DATABASE_URL when the secret is empty, or not a postgres:// URL', async () => {
    const misconfigured = (message: string) => ({
      status: 500,
      body: { errors: [{ message: `whosaid is not configured: ${message}`, extensions: { code: 'MISCONFIGURED' } }] },
    });
    for (const [url, message] of [
      ['', 'the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)'],
      ['mysql://whosaid@127.0.0.1:1/whosaid', 'DATABASE_URL: must be a postgres:// URL'],
    ] as const) {
      const worker = await startWorker({ DATABASE_URL: url });
      try {
        expect(await worker.graphql('{ __typename }')).toEqual(misconfigured(message));
      } finally {
        await worker.close();
      }
    }
  });

  it('names every var it cannot use that its handler takes, in one answer', async () => {
    const worker = await startWorker({
      DATABASE_URL: 'postgres://whosaid@127.0.0.1:1/whosaid',
      WHOSAID_ENV: 'prod',
      WHOSAID_READS_REQUIRE_KEY: 'yes',
    });
    try {
      expect(await worker.graphql('{ __typename }')).toEqual({
        status: 500,
        body: {
          errors: [
            {
              message:
                'whosaid is not configured: WHOSAID_ENV: must be development, staging or production, not "prod"; ' +
                'WHOSAID_READS_REQUIRE_KEY: must be true or false, not "yes"',
              extensions: { code: 'MISCONFIGURED' },
            },
          ],
        },
      });
    } finally {
      await worker.close();
    }
  });
});
