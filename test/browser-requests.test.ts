import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends } from './support/databases.js';
import { seededApi } from './support/seeded-api.js';

const QUERY = '{ actor(slug: "ben-cardin") { name } }';
const ANSWER = { data: { actor: { name: 'Ben Cardin' } } };
const CSRF_REFUSAL = {
  errors: [
    {
      message:
        'A GET or form-encoded request must carry the header X-GraphQL-Yoga-CSRF (any value) or an Authorization header, ' +
        'so that a browser cannot send it from another website unasked; a POST of application/json needs neither',
      extensions: { code: 'CSRF_HEADER_REQUIRED' },
    },
  ],
};

describe.each(backends)('requests a browser sends, on %s', (backend) => {
  const api = seededApi(backend);
  const whosaid = (options: { cors?: string[] } = {}) => createWhosaid({ database: () => api.database.db, ...options });
  const get = (headers: Record<string, string> = {}) =>
    whosaid().fetch(`http://whosaid.test/graphql?query=${encodeURIComponent(QUERY)}`, { headers });

  describe('cross-site request forgery', () => {
    it('refuses a GET that any website could send unasked, saying which header to add', async () => {
      const response = await get();
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(CSRF_REFUSAL);
    });

    it('answers a GET with X-GraphQL-Yoga-CSRF, or with an API key', async () => {
      const withHeader = await get({ 'x-graphql-yoga-csrf': '1' });
      expect(withHeader.status).toBe(200);
      expect(await withHeader.json()).toEqual(ANSWER);
      const { key } = await createApiKey(api.database.db, 'csrf-reader', 'READER');
      const withKey = await get({ authorization: `Bearer ${key}` });
      expect(withKey.status).toBe(200);
      expect(await withKey.json()).toEqual(ANSWER);
    });

    it('refuses a form-encoded or plain-text POST without the header', async () => {
      const form = await whosaid().fetch('http://whosaid.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: QUERY }).toString(),
      });
      expect(form.status).toBe(403);
      expect(await form.json()).toEqual(CSRF_REFUSAL);
      const text = await whosaid().fetch('http://whosaid.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ query: QUERY }),
      });
      expect(text.status).toBe(403);
    });

    it('answers a POST of application/json as GraphiQL sends it, from its own page, without the header', async () => {
      const response = await whosaid().fetch('http://whosaid.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json, multipart/mixed',
          origin: 'http://whosaid.test',
        },
        body: JSON.stringify({ query: QUERY, variables: {}, operationName: null }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(ANSWER);
    });
  });

  describe('cross-origin access (CORS)', () => {
    const preflight = (cors: string[] | undefined, origin: string) =>
      whosaid({ cors }).fetch('http://whosaid.test/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
    const post = (cors: string[] | undefined, origin: string) =>
      whosaid({ cors }).fetch('http://whosaid.test/graphql', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
    const corsHeaders = (response: Response) =>
      Object.fromEntries(
        [...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
      );

    it("lets any website read by default, without the browser's cookies", async () => {
      const allowed = await preflight(undefined, 'https://anyone.example');
      expect(allowed.status).toBe(204);
      expect(corsHeaders(allowed)).toEqual({
        'access-control-allow-origin': 'https://anyone.example',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-expose-headers': 'x-request-id, idempotent-replayed, retry-after',
        'access-control-max-age': '7200',
        vary: 'Origin, Access-Control-Request-Headers',
      });
      const answered = await post(undefined, 'https://anyone.example');
      expect(answered.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
      expect(answered.headers.get('access-control-allow-credentials')).toBeNull();
      expect(await answered.json()).toEqual(ANSWER);
    });

    it('lets only the listed origins in when given a list', async () => {
      const cors = ['https://app.example', 'https://admin.example'];
      for (const origin of cors) {
        expect((await preflight(cors, origin)).headers.get('access-control-allow-origin')).toBe(origin);
        expect((await post(cors, origin)).headers.get('access-control-allow-origin')).toBe(origin);
      }
      const refusedPreflight = await preflight(cors, 'https://evil.example');
      expect(corsHeaders(refusedPreflight)).toEqual({});
      const refusedPost = await post(cors, 'https://evil.example');
      expect(corsHeaders(refusedPost)).toEqual({});
    });

    it('lets no website in with an empty list', async () => {
      expect(corsHeaders(await preflight([], 'https://app.example'))).toEqual({});
    });
  });
});
