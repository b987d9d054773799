import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a deployment runs: `npm run build` here, then in a folder of its own only what the README says to ship
// (package.json, package-lock.json, dist/, drizzle/), installed as production installs (`npm ci --omit=dev
// --ignore-scripts`: no tsx, no patch-package, no postinstall), started with `node` alone.
describe('the compiled server (npm run build, then node dist/server/node.js)', () => {
  const deployment = mkdtempSync(join(tmpdir(), 'whosaid-deployment-'));
  let server: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { stdio: 'ignore' });
    for (const path of ['package.json', 'package-lock.json', 'dist/server', 'drizzle']) {
      cpSync(path, join(deployment, path), { recursive: true });
    }
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: deployment,
      stdio: 'ignore',
    });
    server = spawn(process.execPath, ['--experimental-async-context-frame', 'dist/server/node.js'], {
      cwd: deployment,
      env: { PATH: process.env.PATH, PORT: '0', WHOSAID_DATA_DIR: join(deployment, 'data'), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /at (http:\/\/\S+\/graphql)/.exec(output);
        if (match) resolve(match[1]!);
      };
      server.stdout!.on('data', read);
      server.stderr!.on('data', read);
      server.once('exit', (code) => reject(new Error(`the compiled server exited with ${code}:\n${output}`)));
    });
  }, 240_000);

  afterAll(() => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(deployment, { recursive: true, force: true });
  });

  it('is installed without the development tools', () => {
    expect(existsSync(join(deployment, 'node_modules/@electric-sql/pglite'))).toBe(true);
    for (const tool of ['tsx', 'patch-package', 'esbuild', 'typescript', 'vitest']) {
      expect(existsSync(join(deployment, 'node_modules', tool))).toBe(false);
    }
  });

  it('migrates and seeds PGlite on first start, finding the migrations from dist/', () => {
    expect(output).toContain('whosaid: loaded the seed dataset');
    expect(output).toContain(`whosaid: GraphQL at ${url} (PGlite in ${join(deployment, 'data')})`);
  });

  // Unpatched, @pothos/plugin-drizzle answers node(id) of a row that is not there (Claim:999999) with an internal error.
  it('answers over HTTP, with the patched @pothos/plugin-drizzle in it', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ actor(slug: "donald-trump") { name claims(first: 1) { totalCount } } gone: node(id: "Q2xhaW06OTk5OTk5") { id } }',
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { actor: { name: 'Donald Trump', claims: { totalCount: 2 } }, gone: null },
    });
    expect((await fetch(url.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });

  it('shuts down on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('whosaid: SIGTERM, shutting down');
  });
});
