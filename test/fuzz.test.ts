import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { ValidationError } from '../src/domain/validation-error.js';
import {
  anyJson,
  cursor,
  date,
  fieldValue,
  nastyString,
  pageSize,
  perturbedBundle,
  slug,
} from './support/arbitraries.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

/** A connection's paging arguments, forward and backward. */
const paging = { first: pageSize, last: pageSize, after: cursor, before: cursor };

// Fixed, so that a failure is the same failure on the next run; WHOSAID_FUZZ_SEED explores others.
const seed = Number(process.env.WHOSAID_FUZZ_SEED ?? 20170516);
const numRuns = Number(process.env.WHOSAID_FUZZ_RUNS ?? 80);
console.log(`fuzz: seed ${seed}, ${numRuns} runs per property (WHOSAID_FUZZ_SEED, WHOSAID_FUZZ_RUNS)`);

/** Every code whosaid answers a client's mistake with; anything else, or none, is a bug. */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_LONG',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
]);
/** What only the database or the code behind the API would say. */
const LEAK =
  /Failed query|\b(relation|column) "|syntax error at|invalid input syntax|violates|\bpglite\b|drizzle|\bat \S+\.[jt]s:\d+/i;

type Answer = Awaited<ReturnType<GraphQLClient>>;

/** The answer is one a client can act on: no 5xx, every error with a known code, nothing of SQL or the code. */
function expectAnAnswer(answer: Answer, input: unknown) {
  const context = JSON.stringify({ input, answer }).slice(0, 3000);
  expect(answer.status, context).toBeLessThan(500);
  for (const error of answer.errors ?? []) {
    expect(KNOWN_CODES.has(String(error.extensions?.code)), `unknown code: ${context}`).toBe(true);
    expect(error.message, context).not.toMatch(LEAK);
  }
}

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
  __typename ... on ValidationError { code message issues { path message } }
  ... on MutationImportSourceSuccess { data { claims { created updated unchanged } } } } }`;

const READS: Record<string, { query: string; variables: fc.Arbitrary<Record<string, unknown>> }> = {
  claims: {
    query: `query ($filter: ClaimFilter, $first: Int, $last: Int, $after: String, $before: String, $orderBy: ClaimOrder, $includeRetracted: Boolean) {
      claims(filter: $filter, first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy, includeRetracted: $includeRetracted) {
        totalCount edges { cursor node { id text saidOn { value } } } pageInfo { hasNextPage endCursor } } }`,
    variables: fc.record(
      {
        filter: fc.record(
          {
            saidFrom: fieldValue(date),
            saidTo: fieldValue(date),
            speaker: fieldValue(slug),
            via: fieldValue(slug),
            proposition: fieldValue(slug),
            stance: fieldValue(fc.constantFrom('SUPPORTS', 'OPPOSES', 'MIXED')),
            medium: fieldValue(fc.constantFrom('INTERVIEW', 'REPORT')),
            mode: fieldValue(fc.constantFrom('DIRECT_QUOTE', 'PARAPHRASE')),
            anonymous: fieldValue(fc.boolean()),
            event: fieldValue(slug),
            source: fieldValue(cursor),
            duplicateOf: fieldValue(cursor),
            drifted: fieldValue(fc.boolean()),
            attribution: fieldValue(
              fc.array(fc.constantFrom('REPORTED', 'VERIFIED', 'DISPUTED', 'MISATTRIBUTED', 'UNKNOWN'), {
                maxLength: 3,
              }),
            ),
          },
          { requiredKeys: [] },
        ),
        ...paging,
        orderBy: fieldValue(fc.constantFrom('SAID_ON_ASC', 'SAID_ON_DESC')),
        includeRetracted: fieldValue(fc.boolean()),
      },
      { requiredKeys: [] },
    ),
  },
  events: {
    query: `query ($filter: EventFilter, $first: Int, $last: Int, $after: String, $before: String) {
      events(filter: $filter, first: $first, last: $last, after: $after, before: $before) {
        totalCount edges { cursor node { slug occurredOn { value } } } pageInfo { endCursor } } }`,
    variables: fc.record(
      {
        filter: fc.record(
          {
            from: fieldValue(date),
            to: fieldValue(date),
            kind: fieldValue(nastyString),
            participant: fieldValue(slug),
          },
          { requiredKeys: [] },
        ),
        ...paging,
      },
      { requiredKeys: [] },
    ),
  },
  timeline: {
    query: `query ($filter: TimelineFilter, $first: Int, $last: Int, $after: String, $before: String) {
      timeline(filter: $filter, first: $first, last: $last, after: $after, before: $before) {
        edges { cursor node { __typename } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
    variables: fc.record(
      {
        filter: fc.record(
          {
            actor: fieldValue(slug),
            event: fieldValue(slug),
            proposition: fieldValue(slug),
            from: fieldValue(date),
            to: fieldValue(date),
          },
          { requiredKeys: [] },
        ),
        ...paging,
      },
      { requiredKeys: [] },
    ),
  },
  search: {
    query: `query ($query: String!, $types: [SearchType!], $first: Int, $after: String) {
      search(query: $query, types: $types, first: $first, after: $after) {
        edges { cursor node { __typename } } pageInfo { endCursor } } }`,
    variables: fc.record(
      {
        query: fieldValue(
          fc.oneof(
            nastyString,
            fc.constantFrom('russia', '"ally against"', 'trump -russia', 'tillersen', 'isis or assad'),
          ),
        ),
        types: fieldValue(
          fc.array(fc.constantFrom('ACTOR', 'CLAIM', 'EVENT', 'PROPOSITION', 'SOURCE', 'NOPE'), { maxLength: 3 }),
        ),
        first: pageSize,
        after: cursor,
      },
      { requiredKeys: ['query'] },
    ),
  },
  actors: {
    query: `query ($filter: ActorFilter, $first: Int, $after: String) {
      actors(filter: $filter, first: $first, after: $after) { totalCount edges { node { slug } } } }`,
    variables: fc.record(
      {
        filter: fc.record(
          { search: fieldValue(nastyString), kind: fieldValue(fc.constantFrom('PERSON', 'ORGANIZATION')) },
          { requiredKeys: [] },
        ),
        first: pageSize,
        after: cursor,
      },
      { requiredKeys: [] },
    ),
  },
  nodes: {
    query: `query ($id: ID!, $ids: [ID!]!) { node(id: $id) { id __typename } nodes(ids: $ids) { id } }`,
    variables: fc.record({ id: fieldValue(cursor), ids: fieldValue(fc.array(cursor, { maxLength: 3 })) }),
  },
  changes: {
    query: `query ($since: DateTime!, $first: Int, $after: String) { changes(since: $since, first: $first, after: $after) { edges { cursor } } }`,
    variables: fc.record({
      since: fieldValue(
        fc.oneof(
          date,
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
      ),
      first: pageSize,
      after: cursor,
    }),
  },
  agreement: {
    query: `query ($actors: [String!]!, $propositions: [String!]) { agreement(actors: $actors, propositions: $propositions) { __typename } }`,
    variables: fc.record(
      {
        actors: fieldValue(fc.array(slug, { maxLength: 30 })),
        propositions: fieldValue(fc.array(slug, { maxLength: 3 })),
      },
      { requiredKeys: ['actors'] },
    ),
  },
};

// What the fuzzer found, kept as plain examples: each was an INTERNAL_SERVER_ERROR, or an error with no code.
const NUL = 'Text in the request must not contain NUL characters';
const FOUND: [
  what: string,
  query: string,
  variables: Record<string, unknown>,
  answer: [status: number, message: string],
][] = [
  [
    'a variable of the wrong type',
    'query ($x: Boolean) { claims(includeRetracted: $x) { totalCount } }',
    { x: '' },
    [400, 'Variable "$x" got invalid value ""; Boolean cannot represent a non boolean value: ""'],
  ],
  [
    'NUL in an actor search',
    'query ($s: String) { actors(filter: { search: $s }) { totalCount } }',
    { s: '\u0000' },
    [200, NUL],
  ],
  ['NUL in a slug', 'query ($s: String!) { actor(slug: $s) { name } }', { s: 'donald\u0000trump' }, [200, NUL]],
  [
    'a cursor holding a string where a date goes',
    '{ events(before: "REM6Uzox") { edges { cursor } } }',
    {},
    [200, 'A value in the request (a cursor or a date) does not hold a valid date'],
  ],
  [
    'a cursor holding an empty date',
    '{ actors(after: "REM6RDo=") { totalCount } }',
    {},
    [400, 'after: "REM6RDo=" is not a cursor of this list'],
  ],
  [
    'a cursor holding an object',
    '{ events(before: "REM6Tjp7fQ==") { totalCount } }',
    {},
    [400, 'before: "REM6Tjp7fQ==" is not a cursor of this list'],
  ],
];

describe.each(backends)('fuzzed input on %s', (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'fuzz-editor', 'EDITOR')).key });
  });
  afterAll(() => database.close());

  it.each(FOUND)('answers %s as BAD_USER_INPUT', async (_what, query, variables, [status, message]) => {
    const answer = await editor(query, variables);
    expect([answer.status, answer.errors?.map((error) => [error.message, error.extensions?.code])]).toEqual([
      status,
      [[message, 'BAD_USER_INPUT']],
    ]);
  });

  it('answers any source bundle sent to importSource, and a refused one writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(perturbedBundle, async (input) => {
        const before = await rowCounts(database.db);
        const answer = await editor(IMPORT, { input });
        expectAnAnswer(answer, input);
        const result = (answer.data as { importSource?: { __typename: string } } | null | undefined)?.importSource;
        if (result?.__typename !== 'MutationImportSourceSuccess') expect(await rowCounts(database.db)).toEqual(before);
      }),
      { seed, numRuns },
    );
  });

  it('imports any JSON as a bundle or refuses it with a ValidationError, having written nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: perturbedBundle }, { weight: 1, arbitrary: anyJson }),
        async (input) => {
          const before = await rowCounts(database.db);
          try {
            await importSourceBundle(database.db, input);
          } catch (error) {
            expect(error, JSON.stringify(input).slice(0, 3000)).toBeInstanceOf(ValidationError);
            expect(await rowCounts(database.db)).toEqual(before);
          }
        },
      ),
      { seed, numRuns },
    );
  });

  it.each(Object.entries(READS))('answers the %s query with any arguments', async (_name, { query, variables }) => {
    await fc.assert(
      fc.asyncProperty(variables, async (vars) => expectAnAnswer(await editor(query, vars), vars)),
      { seed, numRuns },
    );
  });
});
