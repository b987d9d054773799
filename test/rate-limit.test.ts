import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRateLimiter } from '../src/http/rate-limiter.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';

describe('the in-process rate limiter', () => {
  it('lets a key make its requests in a window, refuses the rest until the window ends, and keeps keys apart', async () => {
    let now = 0;
    const limiter = inProcessRateLimiter({ limit: 2, periodSeconds: 60, now: () => now });
    expect(await limiter.limit('a')).toEqual({ allowed: true, retryAfterSeconds: 60 });
    now = 20_000;
    expect(await limiter.limit('a')).toEqual({ allowed: true, retryAfterSeconds: 40 });
    expect(await limiter.limit('a')).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(await limiter.limit('b')).toEqual({ allowed: true, retryAfterSeconds: 60 });
    now = 60_000;
    expect(await limiter.limit('a')).toEqual({ allowed: true, retryAfterSeconds: 60 });
  });
});

// The Node server, over real HTTP: clients without a key are counted by address.
describe('rate limiting in the Node server', () => {
  let server: NodeServer;
  beforeAll(async () => {
    server = await startNodeServer({ WHOSAID_RATE_LIMIT: '3', WHOSAID_TRUST_PROXY: 'true' });
  });
  afterAll(() => server.stop());

  const ask = (headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ actor(slug: "vox") { name } }' }),
    });

  it('answers 429 with Retry-After once a client has used its minute, and /health stays open', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask()).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: `Too many requests: try again in ${refused.headers.get('retry-after')} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Number(refused.headers.get('retry-after')) },
        },
      ],
    });
    expect((await fetch(server.url.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });

  it('writes one JSON line per request to its output, the refused ones included', () => {
    const requests = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { path: string; status: number; statements: number });
    expect(requests.map(({ path, status }) => [path, status])).toEqual([
      ['/graphql', 200],
      ['/graphql', 200],
      ['/graphql', 200],
      ['/graphql', 429],
      ['/health', 200],
    ]);
    expect(requests.map(({ statements }) => statements)).toEqual([1, 1, 1, 0, 1]);
  });

  // Behind a reverse proxy (WHOSAID_TRUST_PROXY), every client comes from the proxy's address: the address the proxy
  // appended to X-Forwarded-For is the one counted, and what a client wrote there itself is not believed.
  it('counts clients behind a trusted proxy by the address the proxy forwarded', async () => {
    const viaProxy = (client: string, claimed?: string) =>
      ask({ 'x-forwarded-for': claimed ? `${claimed}, ${client}` : client }).then((response) => response.status);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await viaProxy('203.0.113.7', `198.51.100.${i}`));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await viaProxy('203.0.113.8')).toBe(200);
  });
});
