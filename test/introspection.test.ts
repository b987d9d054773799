import { describe, expect, it } from 'vitest';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends } from './support/databases.js';
import { seededApi } from './support/seeded-api.js';

describe.each(backends)('introspection and GraphiQL, each on or off, on %s', (backend) => {
  const api = seededApi(backend);
  const whosaid = (options: { introspection?: boolean; graphiql?: boolean }) =>
    createWhosaid({ database: () => api.database.db, ...options });
  const post = async (options: { introspection?: boolean }, query: string) => {
    const response = await whosaid(options).fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: await response.json() };
  };
  const browserVisit = (options: { graphiql?: boolean }) =>
    whosaid(options).fetch('http://whosaid.test/graphql', { headers: { accept: 'text/html' } });

  it('answers introspection by default', async () => {
    expect(await post({}, '{ __schema { queryType { name } } __type(name: "Actor") { kind } }')).toEqual({
      status: 200,
      body: { data: { __schema: { queryType: { name: 'Query' } }, __type: { kind: 'OBJECT' } } },
    });
  });

  it('refuses __schema and __type when introspection is off, running nothing', async () => {
    expect(
      await post({ introspection: false }, '{ actor(slug: "ben-cardin") { name } __schema { types { name } } }'),
    ).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Introspection is turned off on this server: "__schema" cannot be queried',
            locations: [{ line: 1, column: 38 }],
            extensions: { code: 'INTROSPECTION_DISABLED' },
          },
        ],
      },
    });
    expect(
      (await post({ introspection: false }, '{ __type(name: "Actor") { name } }')).body.errors[0].extensions,
    ).toEqual({
      code: 'INTROSPECTION_DISABLED',
    });
  });

  it('still answers __typename when introspection is off', async () => {
    expect(await post({ introspection: false }, '{ actor(slug: "ben-cardin") { __typename name } }')).toEqual({
      status: 200,
      body: { data: { actor: { __typename: 'Actor', name: 'Ben Cardin' } } },
    });
  });

  it('serves GraphiQL to a browser by default', async () => {
    const page = await browserVisit({});
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>Yoga GraphiQL</title>');
  });

  it('serves no GraphiQL when it is off', async () => {
    const page = await browserVisit({ graphiql: false });
    expect(page.status).toBe(406);
    expect(page.headers.get('content-type')).toBeNull();
    expect(await page.text()).toBe('');
  });
});
