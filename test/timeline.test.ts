import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { retractClaim } from '../src/domain/writes/claims.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

type Entry = { __typename: 'Claim'; key: string } | { __typename: 'Event'; slug: string };

interface TimelinePage {
  timeline: {
    totalCount: number;
    edges: { cursor: string; node: Entry }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const TIMELINE = `query ($filter: TimelineFilter, $first: Int, $after: String, $last: Int, $before: String) {
  timeline(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { __typename ... on Claim { key } ... on Event { slug } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** The entries as `Event slug` / `Claim key`, in timeline order. */
async function entries(graphql: GraphQLClient, variables: Record<string, unknown> = {}): Promise<string[]> {
  const page = await data<TimelinePage>(graphql, TIMELINE, variables);
  return page.timeline.edges.map(({ node }) =>
    node.__typename === 'Claim' ? `Claim ${node.key}` : `Event ${node.slug}`,
  );
}

describe.each(backends)('the timeline of the seed article on %s', (backend) => {
  const api = seededApi(backend);

  it("puts a proposition's claims among the events they are linked to", async () => {
    // Vox says it twice, on the day of the article; one of the two points to the bombing Fox News reported.
    expect(await entries(api.graphql, { filter: { proposition: 'russia-bombs-us-backed-forces' } })).toEqual([
      'Event russian-bombing-near-us-troops',
      'Claim vox-russia-bombed-us-backed-rebels',
      'Claim vox-us-backed-rebels-struck',
    ]);
  });

  it('shows an event, then what was said about it', async () => {
    expect(await entries(api.graphql, { filter: { event: 'russian-bombing-near-us-troops' } })).toEqual([
      'Event russian-bombing-near-us-troops',
      'Claim fox-news-bombing-near-us-troops',
      'Claim stephen-townsend-quick-calls',
      'Claim vox-us-backed-rebels-struck',
    ]);
  });

  it('leaves off events without a date, but not the claims about them', async () => {
    expect(await entries(api.graphql, { filter: { event: 'bombing-of-aleppo' } })).toEqual([
      'Claim vox-aleppo-bombing',
      'Claim le-mesurier-dresden-esque',
    ]);
  });

  it('follows an actor through what they said and what they took part in', async () => {
    // The meeting with Lavrov and Kislyak is known to the month, so it starts on May 1, before the article.
    expect(await entries(api.graphql, { filter: { actor: 'donald-trump' } })).toEqual([
      'Event fox-news-interview-of-trump-2017-02-05',
      'Claim trump-fox-news-2017-02-05',
      'Event trump-shares-intelligence-with-lavrov-and-kislyak',
      'Claim trump-vital-ally',
    ]);
    expect(await entries(api.graphql, { filter: { actor: 'sergei-lavrov' } })).toEqual([
      'Event trump-shares-intelligence-with-lavrov-and-kislyak',
    ]);
  });

  it('loads the claims and events of a page with their nested fields', async () => {
    const result = await data(
      api.graphql,
      `{ timeline(filter: { actor: "donald-trump" }, first: 3) { totalCount edges { node { __typename
          ... on Claim { text saidOn { value } speakers { slug } stances { stance proposition { slug } } }
          ... on Event { title occurredOn { value precision } participants { role actor { slug } } } } } } }`,
    );
    expect(result).toEqual({
      timeline: {
        totalCount: 4,
        edges: [
          {
            node: {
              __typename: 'Event',
              title: "Bill O'Reilly interviews Donald Trump on Fox News",
              occurredOn: { value: '2017-02-05', precision: 'DAY' },
              participants: [
                { role: 'interviewee', actor: { slug: 'donald-trump' } },
                { role: 'interviewer', actor: { slug: 'bill-oreilly' } },
                { role: 'broadcaster', actor: { slug: 'fox-news' } },
              ],
            },
          },
          {
            node: {
              __typename: 'Claim',
              text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
              saidOn: { value: '2017-02-05' },
              speakers: [{ slug: 'donald-trump' }],
              stances: [{ stance: 'SUPPORTS', proposition: { slug: 'russia-is-an-ally-against-isis' } }],
            },
          },
          {
            node: {
              __typename: 'Event',
              title: 'Trump shares classified intelligence about ISIS with Lavrov and Kislyak',
              occurredOn: { value: '2017-05', precision: 'MONTH' },
              participants: [
                { role: 'shared the intelligence', actor: { slug: 'donald-trump' } },
                { role: 'recipient', actor: { slug: 'sergei-lavrov' } },
                { role: 'recipient', actor: { slug: 'sergey-kislyak' } },
              ],
            },
          },
        ],
      },
    });
  });
});

// Four entries start on January 1, 2017, each known to a different precision, and the more precise come first;
// an event comes before claims on the same dates.
const newYear = {
  source: {
    url: 'https://example.org/new-year',
    title: 'The new year',
    kind: 'REPORT',
    publishedOn: { value: '2018' },
  },
  actors: [
    { slug: 'ann-analyst', name: 'Ann Analyst', kind: 'PERSON' },
    { slug: 'bob-bureau', name: 'Bob Bureau', kind: 'PERSON' },
  ],
  propositions: [{ slug: 'rain-is-coming', statement: 'Rain is coming.' }],
  events: [
    {
      slug: 'winter-conference',
      title: 'Winter conference',
      occurredOn: { value: '2016-12-30' },
      endedOn: { value: '2017-01-02' },
    },
    {
      slug: 'new-year-summit',
      title: 'New year summit',
      occurredOn: { value: '2017-01-01' },
      participants: [{ actor: 'ann-analyst' }],
    },
    { slug: 'new-year-address', title: 'New year address', occurredOn: { value: '2017-01-01' } },
    {
      slug: 'spring-talks',
      title: 'Spring talks',
      occurredOn: { value: '2017-03' },
      participants: [{ actor: 'bob-bureau' }],
    },
    { slug: 'undated-meeting', title: 'A meeting nobody dated', participants: [{ actor: 'ann-analyst' }] },
  ],
  claims: [
    {
      key: 'year-claim',
      text: 'This year it will rain.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['ann-analyst'],
      saidOn: { value: '2017' },
      stances: [{ proposition: 'rain-is-coming', stance: 'SUPPORTS' }],
      events: ['new-year-summit'],
    },
    {
      key: 'month-claim',
      text: 'A cold January.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['bob-bureau'],
      saidOn: { value: '2017-01' },
    },
    {
      key: 'day-claim',
      text: 'Happy new year.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['ann-analyst'],
      saidOn: { value: '2017-01-01' },
      events: ['new-year-summit'],
    },
    {
      key: 'second-day-claim',
      text: 'And to you.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['bob-bureau'],
      saidOn: { value: '2017-01-01' },
    },
    {
      key: 'retracted-claim',
      text: 'It rained all night.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['ann-analyst'],
      saidOn: { value: '2017-01-01' },
      stances: [{ proposition: 'rain-is-coming', stance: 'SUPPORTS' }],
      events: ['new-year-address'],
    },
    {
      key: 'march-claim',
      text: 'Rain by April.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['bob-bureau'],
      saidOn: { value: '2017-03-15' },
      stances: [{ proposition: 'rain-is-coming', stance: 'OPPOSES' }],
      events: ['spring-talks'],
    },
  ],
};

const IN_ORDER = [
  'Event winter-conference',
  'Event new-year-summit',
  'Event new-year-address',
  'Claim day-claim',
  'Claim second-day-claim',
  'Claim month-claim',
  'Claim year-claim',
  'Event spring-talks',
  'Claim march-claim',
];

describe.each(backends)('the timeline on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, newYear);
    const retracted = await database.db.query.claims.findFirst({
      where: { key: 'retracted-claim' },
      columns: { id: true },
    });
    await retractClaim(database.db, retracted!.id, 'It did not rain', 'test');
    graphql = graphqlClient(database.db);
  });
  afterAll(() => database.close());

  it('orders by first possible day, the more precise first, events before claims, retracted claims left out', async () => {
    expect(await entries(graphql)).toEqual(IN_ORDER);
    const page = await data<TimelinePage>(graphql, TIMELINE);
    expect(page.timeline.totalCount).toBe(9);
    expect(page.timeline.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('walks forwards two at a time through every entry once', async () => {
    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    for (;;) {
      const page: TimelinePage = await data<TimelinePage>(graphql, TIMELINE, { first: 2, after });
      seen.push(
        ...page.timeline.edges.map(({ node }) =>
          node.__typename === 'Claim' ? `Claim ${node.key}` : `Event ${node.slug}`,
        ),
      );
      pages.push(page.timeline.pageInfo.hasPreviousPage);
      expect(page.timeline.totalCount).toBe(9);
      if (!page.timeline.pageInfo.hasNextPage) break;
      after = page.timeline.pageInfo.endCursor;
    }
    expect(seen).toEqual(IN_ORDER);
    expect(pages).toEqual([false, true, true, true, true]);
  });

  it('walks backwards two at a time through every entry once', async () => {
    const seen: string[] = [];
    const pages: boolean[] = [];
    let before: string | null = null;
    for (;;) {
      const page: TimelinePage = await data<TimelinePage>(graphql, TIMELINE, { last: 2, before });
      seen.unshift(
        ...page.timeline.edges.map(({ node }) =>
          node.__typename === 'Claim' ? `Claim ${node.key}` : `Event ${node.slug}`,
        ),
      );
      pages.push(page.timeline.pageInfo.hasNextPage);
      if (!page.timeline.pageInfo.hasPreviousPage) break;
      before = page.timeline.pageInfo.startCursor;
    }
    expect(seen).toEqual(IN_ORDER);
    expect(pages).toEqual([false, true, true, true, true]);
  });

  it('pages between two cursors', async () => {
    const all = await data<TimelinePage>(graphql, TIMELINE);
    const cursors = all.timeline.edges.map((edge) => edge.cursor);
    expect(await entries(graphql, { after: cursors[1], before: cursors[6] })).toEqual([
      'Event new-year-address',
      'Claim day-claim',
      'Claim second-day-claim',
      'Claim month-claim',
    ]);
    expect(await entries(graphql, { after: cursors[1], before: cursors[6], last: 2 })).toEqual([
      'Claim second-day-claim',
      'Claim month-claim',
    ]);
  });

  it('filters by actor: the claims they spoke and the events they took part in', async () => {
    expect(await entries(graphql, { filter: { actor: 'ann-analyst' } })).toEqual([
      'Event new-year-summit',
      'Claim day-claim',
      'Claim year-claim',
    ]);
  });

  it('filters by proposition: the claims on it and the events those claims are linked to', async () => {
    // The new year address came in only through the retracted claim.
    expect(await entries(graphql, { filter: { proposition: 'rain-is-coming' } })).toEqual([
      'Event new-year-summit',
      'Claim year-claim',
      'Event spring-talks',
      'Claim march-claim',
    ]);
  });

  it('filters by event: the event and the claims linked to it', async () => {
    expect(await entries(graphql, { filter: { event: 'new-year-summit' } })).toEqual([
      'Event new-year-summit',
      'Claim day-claim',
      'Claim year-claim',
    ]);
    expect(await entries(graphql, { filter: { event: 'undated-meeting' } })).toEqual([]);
  });

  it('filters by dates: whatever may fall in the range, an event until it ended', async () => {
    expect(await entries(graphql, { filter: { from: '2017-01-02', to: '2017-03-01' } })).toEqual([
      'Event winter-conference',
      'Claim month-claim',
      'Claim year-claim',
      'Event spring-talks',
    ]);
    expect(await entries(graphql, { filter: { from: '2017-03-02' } })).toEqual([
      'Claim year-claim',
      'Event spring-talks',
      'Claim march-claim',
    ]);
    expect(await entries(graphql, { filter: { to: '2016-12-31' } })).toEqual(['Event winter-conference']);
  });

  it('holds every given condition at once', async () => {
    expect(await entries(graphql, { filter: { actor: 'bob-bureau', proposition: 'rain-is-coming' } })).toEqual([
      'Event spring-talks',
      'Claim march-claim',
    ]);
    const page = await data<TimelinePage>(graphql, TIMELINE, { filter: { actor: 'ann-analyst', from: '2017-01-02' } });
    expect(page.timeline.totalCount).toBe(1);
    expect(page.timeline.edges.map((edge) => edge.node)).toEqual([{ __typename: 'Claim', key: 'year-claim' }]);
  });

  it('matches nothing for an unknown slug', async () => {
    const page = await data<TimelinePage>(graphql, TIMELINE, { filter: { actor: 'nobody-at-all' } });
    expect(page.timeline).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
    expect(await entries(graphql, { filter: { proposition: 'no-such-proposition' } })).toEqual([]);
    expect(await entries(graphql, { filter: { event: 'no-such-event' } })).toEqual([]);
  });

  it.each([
    [{ filter: { from: '2017-02-01', to: '2017-01-01' } }, 'from 2017-02-01 is after to 2017-01-01'],
    [{ first: 101 }, 'first: a page holds at most 100 items, not 101'],
    [{ last: 500 }, 'last: a page holds at most 100 items, not 500'],
    [{ first: -1 }, 'first must be between 0 and 100, not -1'],
    [{ first: 2, last: 2 }, 'Give first or last, not both'],
    [{ after: 'not a cursor!' }, 'after: "not a cursor!" is not a timeline cursor (not base64)'],
    [{ after: btoa('DC:1') }, `after: "${btoa('DC:1')}" is not a timeline cursor`],
    [{ before: btoa('Timeline:2017-02-30:2017-02-30:CLAIM:1') }, `before: the cursor's date is invalid: `],
    [
      { after: btoa('Timeline:2017-02-01:2017-01-01:CLAIM:1') },
      "after: the cursor's start 2017-02-01 is after its end 2017-01-01",
    ],
    [
      { after: btoa('Timeline:2017-01-01:2017-01-01:SOURCE:1') },
      'after: the cursor\'s kind "SOURCE" is not one of EVENT, CLAIM',
    ],
    [
      { after: btoa('Timeline:2017-01-01:2017-01-01:CLAIM:99999999999') },
      'after: the cursor\'s id "99999999999" is not a row id',
    ],
  ])('refuses %j as BAD_USER_INPUT', async (variables, message) => {
    const result = await graphql(TIMELINE, variables);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toContain(message);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
