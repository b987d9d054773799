import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../src/db/schema.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { retractClaim } from '../src/domain/writes/claims.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

// A senator who calls Russia a partner twice, then says it is none: one shift. A representative who opposes, then
// stays neutral: another. A late retraction of a claim is no change of mind.
const debate = {
  source: {
    url: 'https://example.org/russia-debate',
    title: 'A year of the Russia debate',
    kind: 'ARTICLE',
    publishedOn: { value: '2017-12-20' },
  },
  actors: [
    { slug: 'sam-senator', name: 'Sam Senator', kind: 'PERSON' },
    { slug: 'rita-rep', name: 'Rita Rep', kind: 'PERSON' },
  ],
  propositions: [{ slug: 'russia-is-a-partner', statement: 'Russia is a partner of the United States' }],
  claims: [
    {
      key: 'sam-partner',
      text: 'Russia is a partner.',
      mode: 'DIRECT_QUOTE',
      speakers: ['sam-senator'],
      medium: 'INTERVIEW',
      saidOn: { value: '2017-01-10' },
      stances: [{ proposition: 'russia-is-a-partner', stance: 'SUPPORTS' }],
    },
    {
      key: 'sam-still-partner',
      text: 'Russia is still a partner.',
      mode: 'DIRECT_QUOTE',
      speakers: ['sam-senator'],
      medium: 'SPEECH',
      saidOn: { value: '2017-03', text: 'in March' },
      stances: [{ proposition: 'russia-is-a-partner', stance: 'SUPPORTS' }],
    },
    {
      key: 'sam-no-partner',
      text: 'Russia is no partner.',
      mode: 'DIRECT_QUOTE',
      speakers: ['sam-senator'],
      medium: 'INTERVIEW',
      saidOn: { value: '2017-06-01' },
      stances: [{ proposition: 'russia-is-a-partner', stance: 'OPPOSES' }],
    },
    {
      key: 'sam-partner-again',
      text: 'Russia is a partner after all.',
      mode: 'DIRECT_QUOTE',
      speakers: ['sam-senator'],
      medium: 'INTERVIEW',
      saidOn: { value: '2017-09-01' },
      stances: [{ proposition: 'russia-is-a-partner', stance: 'SUPPORTS' }],
    },
    {
      key: 'rita-no-partner',
      text: 'Russia is not our partner.',
      mode: 'DIRECT_QUOTE',
      speakers: ['rita-rep'],
      medium: 'PRESS_STATEMENT',
      saidOn: { value: '2017-02-01' },
      stances: [{ proposition: 'russia-is-a-partner', stance: 'OPPOSES' }],
    },
    {
      key: 'rita-undecided',
      text: 'Rita Rep said she had not made up her mind about Russia.',
      mode: 'PARAPHRASE',
      speakers: ['rita-rep'],
      medium: 'INTERVIEW',
      saidOn: { value: '2017-07-01' },
      stances: [{ proposition: 'russia-is-a-partner', stance: 'NEUTRAL' }],
    },
  ],
};

describe.each(backends)('stances over time on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, debate);
    const [late] = await database.db.select({ id: claims.id }).from(claims).where(eq(claims.key, 'sam-partner-again'));
    await retractClaim(database.db, late!.id, 'Misattributed: it was another senator.', 'test');
    graphql = graphqlClient(database.db);
  });
  afterAll(() => database.close());

  it('lists every stance an actor took, with its date and evidence, retracted claims aside', async () => {
    const result = await data(
      graphql,
      `{ actor(slug: "sam-senator") { positions { stance history { stance changed on { value text } evidence { key } } } } }`,
    );
    expect(result).toEqual({
      actor: {
        positions: [
          {
            stance: 'OPPOSES',
            history: [
              {
                stance: 'SUPPORTS',
                changed: false,
                on: { value: '2017-01-10', text: null },
                evidence: { key: 'sam-partner' },
              },
              {
                stance: 'SUPPORTS',
                changed: false,
                on: { value: '2017-03', text: 'in March' },
                evidence: { key: 'sam-still-partner' },
              },
              {
                stance: 'OPPOSES',
                changed: true,
                on: { value: '2017-06-01', text: null },
                evidence: { key: 'sam-no-partner' },
              },
            ],
          },
        ],
      },
    });
  });

  it('says where an actor stood on a date, counting a claim from the first day it may have been made', async () => {
    const asOf = (date: string) =>
      data(
        graphql,
        `query ($date: Date) { actor(slug: "sam-senator") { positions(asOf: $date) {
        stance since { value } evidence { key } } } }`,
        { date },
      );
    expect(await asOf('2016-12-31')).toEqual({ actor: { positions: [] } });
    expect(await asOf('2017-02-28')).toEqual({
      actor: { positions: [{ stance: 'SUPPORTS', since: { value: '2017-01-10' }, evidence: { key: 'sam-partner' } }] },
    });
    // "in March" may have been said on March 1.
    expect(await asOf('2017-03-01')).toEqual({
      actor: {
        positions: [{ stance: 'SUPPORTS', since: { value: '2017-01-10' }, evidence: { key: 'sam-still-partner' } }],
      },
    });
    expect(await asOf('2017-06-01')).toEqual({
      actor: {
        positions: [{ stance: 'OPPOSES', since: { value: '2017-06-01' }, evidence: { key: 'sam-no-partner' } }],
      },
    });
    // The retracted September claim does not count.
    expect(await asOf('2017-12-31')).toEqual({
      actor: {
        positions: [{ stance: 'OPPOSES', since: { value: '2017-06-01' }, evidence: { key: 'sam-no-partner' } }],
      },
    });
  });

  it('says where everyone stood on a proposition on a date, and where they stand now', async () => {
    const result = await data(
      graphql,
      `{ proposition(slug: "russia-is-a-partner") {
          february: positions(asOf: "2017-02-15") { stance actor { slug } evidence { key } }
          opposedInFebruary: positions(asOf: "2017-02-15", stance: OPPOSES) { actor { slug } }
          now: positions { stance actor { slug } evidence { key } } } }`,
    );
    expect(result).toEqual({
      proposition: {
        february: [
          { stance: 'SUPPORTS', actor: { slug: 'sam-senator' }, evidence: { key: 'sam-partner' } },
          { stance: 'OPPOSES', actor: { slug: 'rita-rep' }, evidence: { key: 'rita-no-partner' } },
        ],
        opposedInFebruary: [{ actor: { slug: 'rita-rep' } }],
        now: [
          { stance: 'OPPOSES', actor: { slug: 'sam-senator' }, evidence: { key: 'sam-no-partner' } },
          { stance: 'NEUTRAL', actor: { slug: 'rita-rep' }, evidence: { key: 'rita-undecided' } },
        ],
      },
    });
  });

  it('finds each change of mind, with the claims before and after and both dates', async () => {
    const SHIFT =
      'actor { slug } proposition { slug } from to before { key } beforeOn { value } after { key } afterOn { value }';
    const result = await data(
      graphql,
      `{ proposition(slug: "russia-is-a-partner") { shifts { ${SHIFT} } }
         actor(slug: "sam-senator") { shifts { ${SHIFT} } } }`,
    );
    const samChangesHisMind = {
      actor: { slug: 'sam-senator' },
      proposition: { slug: 'russia-is-a-partner' },
      from: 'SUPPORTS',
      to: 'OPPOSES',
      before: { key: 'sam-still-partner' },
      beforeOn: { value: '2017-03' },
      after: { key: 'sam-no-partner' },
      afterOn: { value: '2017-06-01' },
    };
    expect(result).toEqual({
      proposition: {
        shifts: [
          samChangesHisMind,
          {
            actor: { slug: 'rita-rep' },
            proposition: { slug: 'russia-is-a-partner' },
            from: 'OPPOSES',
            to: 'NEUTRAL',
            before: { key: 'rita-no-partner' },
            beforeOn: { value: '2017-02-01' },
            after: { key: 'rita-undecided' },
            afterOn: { value: '2017-07-01' },
          },
        ],
      },
      actor: { shifts: [samChangesHisMind] },
    });
  });

  it('refuses a date that is not one, naming it', async () => {
    const result = await graphql(`{ actor(slug: "sam-senator") { positions(asOf: "2017-02-30") { stance } } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      [expect.stringContaining('Invalid Date'), 'BAD_USER_INPUT'],
    ]);
  });
});

// In the article, Trump's February interview is the only claim on the alliance made before May.
describe.each(backends)('stances over time in the seed article on %s', (backend) => {
  const api = seededApi(backend);

  it("shows who stood where before the May debate, and the history of Trump's view", async () => {
    const result = await data(
      api.graphql,
      `{ proposition(slug: "russia-is-an-ally-against-isis") {
          positions(asOf: "2017-04-30") { stance actor { slug } since { value text } evidence { key } }
          shifts { actor { slug } } }
        actor(slug: "donald-trump") { positions { history { stance changed on { value text } evidence { key } } } } }`,
    );
    expect(result).toEqual({
      proposition: {
        positions: [
          {
            stance: 'SUPPORTS',
            actor: { slug: 'donald-trump' },
            since: { value: '2017-02-05', text: 'February 5' },
            evidence: { key: 'trump-fox-news-2017-02-05' },
          },
        ],
        shifts: [],
      },
      actor: {
        positions: [
          {
            history: [
              {
                stance: 'SUPPORTS',
                changed: false,
                on: { value: '2017-02-05', text: 'February 5' },
                evidence: { key: 'trump-fox-news-2017-02-05' },
              },
              {
                stance: 'SUPPORTS',
                changed: false,
                on: { value: '2017-05-16', text: null },
                evidence: { key: 'trump-vital-ally' },
              },
            ],
          },
        ],
      },
    });
  });
});
