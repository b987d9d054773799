import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeServer, startNodeServer } from './support/node-server.js';

// `npm start` as a newcomer runs it: a real process, real HTTP, PGlite on disk, seeded on first start.
describe('the Node server', () => {
  let server: NodeServer;
  let url: string;

  beforeAll(async () => {
    server = await startNodeServer();
    url = server.url;
  });

  afterAll(() => server.stop());

  it('loads the seed dataset on first start', () => {
    expect(server.output()).toContain('whosaid: loaded the seed dataset');
  });

  it('answers a query over POST and GET', async () => {
    const post = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actor(slug: "ben-cardin") { name } }' }),
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ data: { actor: { name: 'Ben Cardin' } } });

    const get = await fetch(
      `${url}?query=${encodeURIComponent('{ proposition(slug: "russia-is-an-ally-against-isis") { statement } }')}`,
      {
        headers: { 'x-graphql-yoga-csrf': '1' },
      },
    );
    expect(await get.json()).toEqual({
      data: { proposition: { statement: 'Russia is an ally of the United States in the fight against ISIS' } },
    });
  });

  it('serves GraphiQL to a browser, its scripts and styles inline so that it works offline', async () => {
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']?https?:/);
    expect(html).not.toContain('unpkg.com');
  });

  it('lets a page on any website read, and answers introspection, by default outside production', async () => {
    const post = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://anyone.example' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
    expect(await post.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.process.on('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('SIGTERM, shutting down');
  });
});
