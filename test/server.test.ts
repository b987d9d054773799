import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` as a newcomer runs it: a real process, real HTTP, PGlite on disk, seeded on first start.
describe('the Node server', () => {
  let server: ChildProcess;
  let url: string;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-'));

  beforeAll(async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server/node.ts'], {
      env: { ...process.env, PORT: '0', WHOSAID_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /at (http:\/\/\S+\/graphql)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      server.stdout!.on('data', read);
      server.stderr!.on('data', read);
    });
  });

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the seed dataset on first start', () => {
    expect(output).toContain('whosaid: loaded the seed dataset');
  });

  it('answers a query over POST and GET', async () => {
    const post = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actor(slug: "ben-cardin") { name } }' }),
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ data: { actor: { name: 'Ben Cardin' } } });

    const get = await fetch(`${url}?query=${encodeURIComponent('{ proposition(slug: "russia-is-an-ally-against-isis") { statement } }')}`);
    expect(await get.json()).toEqual({
      data: { proposition: { statement: 'Russia is an ally of the United States in the fight against ISIS' } },
    });
  });

  it('serves GraphiQL to a browser', async () => {
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('GraphiQL');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM, shutting down');
  });
});
