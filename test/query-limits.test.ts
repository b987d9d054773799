import { describe, expect, it } from 'vitest';
import { backends } from './support/databases.js';
import { seededApi } from './support/seeded-api.js';

const nested = (depth: number): string =>
  depth === 0 ? 'slug' : `claims(first: 1) { edges { node { speakers { ${nested(depth - 1)} } } } }`;

// Each refusal comes before anything is resolved: not one SQL statement runs for it.
describe.each(backends)('query limits on %s', (backend) => {
  const api = seededApi(backend);

  const refusal = async (query: string, variables?: Record<string, unknown>) => {
    api.database.statements.length = 0;
    const result = await api.graphql(query, variables);
    return {
      status: result.status,
      data: result.data,
      errors: result.errors?.map((error) => ({ code: error.extensions?.code, message: error.message })),
      statements: api.database.statements.length,
    };
  };

  it.each([
    [
      'a query nested too deep',
      `{ actor(slug: "donald-trump") { ${nested(3)} } }`,
      { code: 'QUERY_TOO_DEEP', message: 'A query may nest at most 12 levels deep; this one nests 14' },
    ],
    [
      'too many aliases',
      `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: actor(slug: "vox") { name }`).join(' ')} }`,
      { code: 'TOO_MANY_ALIASES', message: 'A query may use at most 20 aliases; this one uses 21' },
    ],
    [
      'too many directives',
      `{ actor(slug: "vox") { ${'name @include(if: true) @skip(if: false) '.repeat(6)} } }`,
      { code: 'TOO_MANY_DIRECTIVES', message: 'A query may use at most 10 directives; this one uses 12' },
    ],
    [
      'too many tokens',
      `{ actor(slug: "vox") { ${'name '.repeat(5000)} } }`,
      { code: 'QUERY_TOO_LONG', message: 'A query may hold at most 5000 tokens' },
    ],
  ])('refuses %s', async (_name, query, error) => {
    expect(await refusal(query)).toEqual({ status: 400, data: undefined, errors: [error], statements: 0 });
  });

  it('refuses a query whose pages multiply past the cost limit, and says what it would cost', async () => {
    const result = await refusal(`{ claims(first: 100) { edges { node { speakers {
        claims(first: 100) { edges { node { text speakers { name } } } } } } } } }`);
    expect(result).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          code: 'QUERY_TOO_COMPLEX',
          message:
            'This query would cost 1401301, over the limit of 50000: ask for smaller pages or fewer nested lists',
        },
      ],
      statements: 0,
    });
  });

  it.each([
    [
      'an inline first',
      '{ claims(first: 101) { edges { node { text } } } }',
      undefined,
      'first: a page holds at most 100 items, not 101',
    ],
    [
      'a last in a variable',
      'query ($n: Int) { claims(last: $n) { edges { node { text } } } }',
      { n: 500 },
      'last: a page holds at most 100 items, not 500',
    ],
    [
      'a default value',
      'query ($n: Int = 250) { actors(first: $n) { edges { node { name } } } }',
      undefined,
      'first: a page holds at most 100 items, not 250',
    ],
  ])('refuses a page over 100 in %s', async (_name, query, variables, message) => {
    expect(await refusal(query, variables)).toEqual({
      status: 400,
      data: undefined,
      errors: [{ code: 'BAD_USER_INPUT', message }],
      statements: 0,
    });
  });

  it('answers pages of exactly 100', async () => {
    const result = await api.graphql('{ claims(first: 100) { edges { node { text } } } }');
    expect(result.errors).toBeUndefined();
    expect((result.data as { claims: { edges: unknown[] } }).claims.edges).toHaveLength(29);
  });

  it('does not suggest field names, which would map the schema for anyone', async () => {
    const result = await refusal('{ actr(slug: "vox") { name } }');
    expect(result.errors).toEqual([
      { code: 'GRAPHQL_VALIDATION_FAILED', message: expect.not.stringContaining('Did you mean') },
    ]);
  });
});
