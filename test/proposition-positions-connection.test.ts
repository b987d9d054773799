import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';

// Five people on one proposition through the first half of 2017, as the town's record gives what they said. The
// actors are recorded in this order, which is the order of their ids: where two positions are held since the same
// day, the earlier recorded actor comes first.
//
//   ann-mayor       SUPPORTS Jan 10, SUPPORTS again Mar 1        holds SUPPORTS since Jan 10
//   bob-councillor  OPPOSES Jan 10, then SUPPORTS Apr 15         holds SUPPORTS since Apr 15 (OPPOSES until then)
//   cat-engineer    SUPPORTS Feb 1, then MIXED May 20            holds MIXED since May 20 (SUPPORTS until then)
//   dan-editor      OPPOSES Jan 10                               holds OPPOSES since Jan 10
//   eve-resident    NEUTRAL Mar 10                               holds NEUTRAL since Mar 10
const PROPOSITION = 'the-bridge-should-be-built';

const said = (key: string, speaker: string, day: string, stance: string, text: string) => ({
  key,
  text,
  mode: 'DIRECT_QUOTE',
  medium: 'SPEECH',
  speakers: [speaker],
  saidOn: { value: day },
  stances: [{ proposition: PROPOSITION, stance }],
});

const townRecord = {
  source: {
    url: 'https://example.org/town-council-record-2017',
    title: 'The town council record, 2017',
    kind: 'REPORT',
    publishedOn: { value: '2017-12-31' },
  },
  actors: [
    { slug: 'ann-mayor', name: 'Ann Mayor', kind: 'PERSON' },
    { slug: 'bob-councillor', name: 'Bob Councillor', kind: 'PERSON' },
    { slug: 'cat-engineer', name: 'Cat Engineer', kind: 'PERSON' },
    { slug: 'dan-editor', name: 'Dan Editor', kind: 'PERSON' },
    { slug: 'eve-resident', name: 'Eve Resident', kind: 'PERSON' },
  ],
  propositions: [{ slug: PROPOSITION, statement: 'The bridge should be built' }],
  claims: [
    said('ann-jan', 'ann-mayor', '2017-01-10', 'SUPPORTS', 'We will build the bridge.'),
    said('bob-jan', 'bob-councillor', '2017-01-10', 'OPPOSES', 'The town cannot afford a bridge.'),
    said('dan-jan', 'dan-editor', '2017-01-10', 'OPPOSES', 'A bridge is a folly.'),
    said('cat-feb', 'cat-engineer', '2017-02-01', 'SUPPORTS', 'The river bed will take a bridge.'),
    said('ann-mar', 'ann-mayor', '2017-03-01', 'SUPPORTS', 'The bridge is still the plan.'),
    said('eve-mar', 'eve-resident', '2017-03-10', 'NEUTRAL', 'I can live with or without it.'),
    said('bob-apr', 'bob-councillor', '2017-04-15', 'SUPPORTS', 'The grant pays for the bridge: I am for it.'),
    said('cat-may', 'cat-engineer', '2017-05-20', 'MIXED', 'A bridge, yes, but not at that crossing.'),
  ],
};

const POSITIONS_PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $stance: Stance, $asOf: Date) {
  proposition(slug: "${PROPOSITION}") {
    positionsConnection(first: $first, after: $after, last: $last, before: $before, stance: $stance, asOf: $asOf) {
      totalCount
      edges { cursor node { stance since { value } actor { slug } evidence { text } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

interface Answer {
  proposition: {
    positionsConnection: {
      totalCount: number;
      edges: {
        cursor: string;
        node: { stance: string; since: { value: string }; actor: { slug: string }; evidence: { text: string } };
      }[];
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
    };
  };
}

/** One position as the spec below writes it: who, what, since when, on the words of which claim. */
const held = (actor: string, stance: string, since: string, evidence: string) => ({ actor, stance, since, evidence });

describe.each(backends)('Proposition.positionsConnection on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, townRecord);
    graphql = graphqlClient(database.db);
  });
  afterAll(() => database?.close());

  /** The page asked for, with its positions as `held` writes them and its cursors. */
  const page = async (variables: Record<string, unknown>) => {
    const { totalCount, edges, pageInfo } = (await data<Answer>(graphql, POSITIONS_PAGE, variables)).proposition
      .positionsConnection;
    return {
      totalCount,
      positions: edges.map(({ node }) => held(node.actor.slug, node.stance, node.since.value, node.evidence.text)),
      hasNextPage: pageInfo.hasNextPage,
      hasPreviousPage: pageInfo.hasPreviousPage,
      startCursor: pageInfo.startCursor,
      endCursor: pageInfo.endCursor,
    };
  };

  it('gives the positions held now, earliest held first, then by actor, a page at a time', async () => {
    const first = await page({ first: 2 });
    expect(first).toMatchObject({
      totalCount: 5,
      positions: [
        held('ann-mayor', 'SUPPORTS', '2017-01-10', 'The bridge is still the plan.'),
        held('dan-editor', 'OPPOSES', '2017-01-10', 'A bridge is a folly.'),
      ],
      hasNextPage: true,
      hasPreviousPage: false,
    });

    const second = await page({ first: 2, after: first.endCursor });
    expect(second).toMatchObject({
      totalCount: 5,
      positions: [
        held('eve-resident', 'NEUTRAL', '2017-03-10', 'I can live with or without it.'),
        held('bob-councillor', 'SUPPORTS', '2017-04-15', 'The grant pays for the bridge: I am for it.'),
      ],
      hasNextPage: true,
      hasPreviousPage: true,
    });

    expect(await page({ first: 2, after: second.endCursor })).toMatchObject({
      totalCount: 5,
      positions: [held('cat-engineer', 'MIXED', '2017-05-20', 'A bridge, yes, but not at that crossing.')],
      hasNextPage: false,
    });
  });

  it('pages back from a cursor with last and before', async () => {
    const third = await page({ first: 1, after: (await page({ first: 3 })).endCursor });
    expect(third.positions.map((position) => position.actor)).toEqual(['bob-councillor']);

    expect(await page({ last: 2, before: third.startCursor })).toMatchObject({
      positions: [
        held('dan-editor', 'OPPOSES', '2017-01-10', 'A bridge is a folly.'),
        held('eve-resident', 'NEUTRAL', '2017-03-10', 'I can live with or without it.'),
      ],
      hasPreviousPage: true,
      hasNextPage: true,
    });
    expect((await page({ last: 2 })).positions.map((position) => position.actor)).toEqual([
      'bob-councillor',
      'cat-engineer',
    ]);
  });

  it('gives twenty a page without first or last', async () => {
    expect(await page({})).toMatchObject({ totalCount: 5, hasNextPage: false });
    expect((await page({})).positions).toHaveLength(5);
  });

  it('gives only the positions of one stance, and counts only those', async () => {
    expect(await page({ stance: 'SUPPORTS' })).toMatchObject({
      totalCount: 2,
      positions: [
        held('ann-mayor', 'SUPPORTS', '2017-01-10', 'The bridge is still the plan.'),
        held('bob-councillor', 'SUPPORTS', '2017-04-15', 'The grant pays for the bridge: I am for it.'),
      ],
    });
    expect(await page({ stance: 'OPPOSES' })).toMatchObject({
      totalCount: 1,
      positions: [held('dan-editor', 'OPPOSES', '2017-01-10', 'A bridge is a folly.')],
    });
  });

  it('gives the positions held on asOf, by the claims that may have been made by then', async () => {
    // At the end of March, Bob still opposed it and Cat still supported it.
    const endOfMarch = await page({ asOf: '2017-03-31', first: 4 });
    expect(endOfMarch).toMatchObject({
      totalCount: 5,
      positions: [
        held('ann-mayor', 'SUPPORTS', '2017-01-10', 'The bridge is still the plan.'),
        held('bob-councillor', 'OPPOSES', '2017-01-10', 'The town cannot afford a bridge.'),
        held('dan-editor', 'OPPOSES', '2017-01-10', 'A bridge is a folly.'),
        held('cat-engineer', 'SUPPORTS', '2017-02-01', 'The river bed will take a bridge.'),
      ],
      hasNextPage: true,
    });
    expect(await page({ asOf: '2017-03-31', first: 4, after: endOfMarch.endCursor })).toMatchObject({
      totalCount: 5,
      positions: [held('eve-resident', 'NEUTRAL', '2017-03-10', 'I can live with or without it.')],
      hasNextPage: false,
    });

    // In mid-February Ann's later words were not yet said: her position rests on January's.
    expect(await page({ asOf: '2017-02-15' })).toMatchObject({
      totalCount: 4,
      positions: [
        held('ann-mayor', 'SUPPORTS', '2017-01-10', 'We will build the bridge.'),
        held('bob-councillor', 'OPPOSES', '2017-01-10', 'The town cannot afford a bridge.'),
        held('dan-editor', 'OPPOSES', '2017-01-10', 'A bridge is a folly.'),
        held('cat-engineer', 'SUPPORTS', '2017-02-01', 'The river bed will take a bridge.'),
      ],
    });
    expect(await page({ asOf: '2017-03-31', stance: 'OPPOSES' })).toMatchObject({
      totalCount: 2,
      positions: [
        held('bob-councillor', 'OPPOSES', '2017-01-10', 'The town cannot afford a bridge.'),
        held('dan-editor', 'OPPOSES', '2017-01-10', 'A bridge is a folly.'),
      ],
    });
    expect(await page({ asOf: '2016-12-31' })).toEqual({
      totalCount: 0,
      positions: [],
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('holds the positions of the deprecated list, which gives them all at once by actor', async () => {
    const list = await data<{ proposition: { positions: { actor: { slug: string }; stance: string }[] } }>(
      graphql,
      `{ proposition(slug: "${PROPOSITION}") { positions { actor { slug } stance } } }`,
    );
    expect(list.proposition.positions.map(({ actor, stance }) => `${actor.slug} ${stance}`)).toEqual([
      'ann-mayor SUPPORTS',
      'bob-councillor SUPPORTS',
      'cat-engineer MIXED',
      'dan-editor OPPOSES',
      'eve-resident NEUTRAL',
    ]);
    const paged = (await page({})).positions.map(({ actor, stance }) => `${actor} ${stance}`);
    expect(paged.toSorted()).toEqual(list.proposition.positions.map(({ actor, stance }) => `${actor.slug} ${stance}`));
  });

  it('answers for each of its arguments where one query asks it twice, beside the deprecated list', async () => {
    const answer = await data<{
      proposition: Record<
        'now' | 'endOfMarch',
        { totalCount: number; edges: { node: { actor: { slug: string } } }[] }
      > & {
        positions: unknown[];
      };
    }>(
      graphql,
      `{ proposition(slug: "${PROPOSITION}") {
        positions { stance }
        now: positionsConnection(first: 1) { totalCount edges { node { actor { slug } } } }
        endOfMarch: positionsConnection(asOf: "2017-03-31", stance: SUPPORTS) { totalCount edges { node { actor { slug } } } }
      } }`,
    );
    const slugs = (edges: { node: { actor: { slug: string } } }[]) => edges.map((edge) => edge.node.actor.slug);
    expect(answer.proposition.positions).toHaveLength(5);
    expect({ totalCount: answer.proposition.now.totalCount, actors: slugs(answer.proposition.now.edges) }).toEqual({
      totalCount: 5,
      actors: ['ann-mayor'],
    });
    expect({
      totalCount: answer.proposition.endOfMarch.totalCount,
      actors: slugs(answer.proposition.endOfMarch.edges),
    }).toEqual({ totalCount: 2, actors: ['ann-mayor', 'cat-engineer'] });
  });

  it.each([
    [{ first: -1 }, 200, 'Argument "first" must be a non-negative integer'],
    [{ last: -3 }, 200, 'Argument "last" must be a non-negative integer'],
    [{ first: 101 }, 400, 'first: a page holds at most 100 items, not 101'],
    [{ first: 2, after: 'not a cursor' }, 200, 'Invalid cursor: not a cursor'],
    [{ asOf: '2017-02-30' }, 400, 'Invalid Date'],
  ])('refuses %j as BAD_USER_INPUT, saying why', async (variables, status, message) => {
    const result = await graphql(POSITIONS_PAGE, variables);
    expect(result.status).toBe(status);
    expect(result.data?.proposition ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toContain(message);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('costs its page size times what each position asks for, as every connection does', async () => {
    const result = await graphql(`{ propositions(first: 100) { edges { node {
      positionsConnection(first: 100) { edges { node { actor { claims(first: 10) { edges { node { text } } } } } } }
    } } } }`);
    expect(result.data).toBeNull();
    expect(result.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }))).toEqual([
      {
        message: 'This query would cost 340301, over the limit of 50000: ask for smaller pages or fewer nested lists',
        code: 'QUERY_TOO_COMPLEX',
      },
    ]);
  });
});
