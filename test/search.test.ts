import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { retractClaim } from '../src/domain/writes/claims.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { VOX_URL } from './support/seed-article.js';
import { seededApi } from './support/seeded-api.js';

interface SearchPage {
  search: {
    edges: {
      cursor: string;
      rank: number;
      snippet: string;
      node: { __typename: string; key?: string; slug?: string; url?: string };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const SEARCH = `query ($query: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    edges { cursor rank snippet node { __typename
      ... on Claim { key } ... on Actor { slug } ... on Event { slug } ... on Proposition { slug } ... on Source { url } } }
    pageInfo { hasNextPage endCursor } } }`;

/** Each hit as its type and natural key (claim key, slug, or source url), and its snippet. */
async function hits(graphql: GraphQLClient, query: string, variables: Record<string, unknown> = {}) {
  const page = await data<SearchPage>(graphql, SEARCH, { query, first: 100, ...variables });
  return page.search.edges.map(({ snippet, node: { __typename, ...key } }) => ({
    [__typename]: key.key ?? key.slug ?? key.url,
    snippet,
  }));
}

describe.each(backends)('search over the seed on %s', (backend) => {
  const api = seededApi(backend);

  it('loads each hit whole, the fields computed from its columns included', async () => {
    const result = await data(
      api.graphql,
      `{ search(query: "experts russia ally", types: [SOURCE], first: 1) { edges { node {
          ... on Source { title publishedOn { value } publisher { name } } } } } }`,
    );
    expect(result).toEqual({
      search: {
        edges: [
          {
            node: {
              title: 'Experts to Trump: Russia is not our ally in the war on ISIS',
              publishedOn: { value: '2017-05-16' },
              publisher: { name: 'Vox' },
            },
          },
        ],
      },
    });
  });

  it('finds every form of a word, best match first, in claims, events, propositions and sources', async () => {
    expect(await hits(api.graphql, 'allies')).toEqual([
      { Event: 'bombing-of-dresden', snippet: '«Allied» bombing of Dresden' },
      { Claim: 'trump-vital-ally', snippet: 'Russia, he argues, is a vital «ally» in the war against ISIS.' },
      {
        Claim: 'cardin-not-allies',
        snippet: "wouldn't characterize the Russians as «allies» in the fight against ISIS.",
      },
      {
        Claim: 'vox-helping-assad-not-defeating-isis',
        snippet: "stay in power because Assad remains one of Putin's top «allies» in the Middle East.",
      },
      {
        Proposition: 'russia-is-an-ally-against-isis',
        snippet: 'Russia is an «ally» of the United States in the fight against ISIS',
      },
      { Source: VOX_URL, snippet: 'Experts to Trump: Russia is not our «ally» in the war on ISIS' },
      // Found by their context, which weighs less than their words.
      { Claim: 'jim-townsend-no', snippet: 'Asked by the reporter whether Russia is an «ally» in the anti-ISIS fight' },
      {
        Claim: 'vox-because-it-is-not',
        snippet: '«ally» against ISIS; the captured article carries no byline, so its voice is attributed to Vox',
      },
      {
        Claim: 'le-mesurier-dresden-esque',
        snippet: 'Describing the scenes in Aleppo, alluding to the February 1945 «Allied» bombing of Dresden',
      },
    ]);
    // The event has the word in its title and in its description; ties go by type, then by id.
    const page = await data<SearchPage>(api.graphql, SEARCH, { query: 'allies' });
    expect(page.search.edges.map(({ rank, node }) => [rank, node.__typename])).toEqual([
      [0.6687197685241699, 'Event'],
      [0.6079270839691162, 'Claim'],
      [0.6079270839691162, 'Claim'],
      [0.6079270839691162, 'Claim'],
      [0.6079270839691162, 'Proposition'],
      [0.6079270839691162, 'Source'],
      [0.2431708425283432, 'Claim'],
      [0.2431708425283432, 'Claim'],
      [0.2431708425283432, 'Claim'],
    ]);
  });

  it('finds actors by misspelled names', async () => {
    expect(await hits(api.graphql, 'Lavrow')).toEqual([{ Actor: 'sergei-lavrov', snippet: 'Sergei «Lavrov»' }]);
    expect(await hits(api.graphql, 'Kisliak')).toEqual([{ Actor: 'sergey-kislyak', snippet: 'Sergey «Kislyak»' }]);
    expect(await hits(api.graphql, 'sergei lavrow or kisliak')).toEqual([
      { Actor: 'sergei-lavrov', snippet: '«Sergei» «Lavrov»' },
      { Actor: 'sergey-kislyak', snippet: '«Sergey» «Kislyak»' },
    ]);
  });

  it('finds only the types asked for', async () => {
    expect(await hits(api.graphql, 'russia', { types: ['PROPOSITION', 'SOURCE', 'ACTOR'] })).toEqual([
      // By its alias, Russia.
      { Actor: 'russian-government', snippet: '«Russia»' },
      {
        Proposition: 'russia-is-an-ally-against-isis',
        snippet: '«Russia» is an ally of the United States in the fight against ISIS',
      },
      {
        Proposition: 'russia-aims-to-keep-assad-in-power',
        snippet: "«Russia»'s main goal in Syria is to keep Bashar al-Assad in power",
      },
      {
        Proposition: 'russia-targets-civilians-in-syria',
        snippet: '«Russia» has attacked civilians and hospitals in Syria',
      },
      { Proposition: 'russia-bombs-us-backed-forces', snippet: '«Russia» has bombed US-backed forces in Syria' },
      { Source: VOX_URL, snippet: 'Experts to Trump: «Russia» is not our ally in the war on ISIS' },
    ]);
  });

  it('pages through the results by cursor, each once, in the order of one long page', async () => {
    const all = await hits(api.graphql, 'russia');
    const paged: Record<string, string>[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: SearchPage = await data<SearchPage>(api.graphql, SEARCH, { query: 'russia', first: 4, after });
      paged.push(
        ...page.search.edges.map(({ snippet, node: { __typename, ...key } }) => ({
          [__typename]: (key.key ?? key.slug ?? key.url)!,
          snippet,
        })),
      );
      pages += 1;
      if (!page.search.pageInfo.hasNextPage) break;
      after = page.search.pageInfo.endCursor;
    }
    expect(all.length).toBe(26);
    expect(pages).toBe(7);
    expect(paged).toEqual(all);
  });

  it('refuses empty and overlong queries, pages over 100 and cursors it did not make', async () => {
    const errorsFor = async (variables: Record<string, unknown>) =>
      (await api.graphql(SEARCH, variables)).errors?.map(({ message, extensions }) => ({
        message,
        code: extensions?.code,
      }));
    expect(await errorsFor({ query: '   ' })).toEqual([{ message: 'query must not be empty', code: 'BAD_USER_INPUT' }]);
    expect(await errorsFor({ query: 'x'.repeat(201) })).toEqual([
      { message: 'query must be at most 200 characters, not 201', code: 'BAD_USER_INPUT' },
    ]);
    expect(await errorsFor({ query: 'russia\u0000' })).toEqual([
      { message: 'query must not contain NUL characters', code: 'BAD_USER_INPUT' },
    ]);
    expect(await errorsFor({ query: 'russia', first: 101 })).toEqual([
      { message: 'first: a page holds at most 100 items, not 101', code: 'BAD_USER_INPUT' },
    ]);
    expect(await errorsFor({ query: 'russia', first: 0 })).toEqual([
      { message: 'first must be between 1 and 100, not 0', code: 'BAD_USER_INPUT' },
    ]);
    expect(await errorsFor({ query: 'russia', after: 'bm90IGEgY3Vyc29y' })).toEqual([
      { message: '"bm90IGEgY3Vyc29y" is not a cursor of these search results', code: 'BAD_USER_INPUT' },
    ]);
    expect(await errorsFor({ query: 'russia', types: [] })).toEqual([
      { message: 'types must name at least one type; leave it out to search all', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('finds nothing for stop words alone or exclusions alone', async () => {
    expect(await hits(api.graphql, 'the')).toEqual([]);
    expect(await hits(api.graphql, '-trump')).toEqual([]);
  });
});

// Written for these tests: a word in several forms, a phrase and its words apart, and names to misspell.
const summit = {
  source: {
    url: 'https://example.org/summit',
    title: 'Notes from the summit',
    kind: 'ARTICLE',
    publishedOn: { value: '2019-03-04' },
  },
  actors: [
    { slug: 'maria-zakharova', name: 'Maria Zakharova', kind: 'PERSON', aliases: ['Zakharova'] },
    { slug: 'jens-stoltenberg', name: 'Jens Stoltenberg', kind: 'PERSON', aliases: ['NATO Secretary General'] },
  ],
  propositions: [{ slug: 'nato-is-united', statement: 'The allies of NATO are united' }],
  events: [
    {
      slug: 'summit-in-brussels',
      title: 'Summit in Brussels',
      description: 'Leaders of the alliance meet for two days.',
      occurredOn: { value: '2019-03-01' },
    },
  ],
  claims: [
    {
      key: 'an-ally',
      text: 'Every ally stood with us.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['jens-stoltenberg'],
    },
    {
      key: 'the-alliance',
      text: 'The alliance has never been stronger.',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['jens-stoltenberg'],
    },
    {
      key: 'strong-partner',
      text: 'Russia is not a strong partner in this fight.',
      mode: 'PARAPHRASE',
      medium: 'PRESS_STATEMENT',
      speakers: ['maria-zakharova'],
    },
    {
      key: 'partner-is-strong',
      text: 'The partner we need is strong and honest.',
      mode: 'PARAPHRASE',
      medium: 'PRESS_STATEMENT',
      speakers: ['maria-zakharova'],
    },
    {
      key: 'in-context',
      text: 'We will see.',
      context: 'Asked whether the allies trust Moscow',
      mode: 'DIRECT_QUOTE',
      medium: 'INTERVIEW',
      speakers: ['maria-zakharova'],
    },
  ],
};

describe.each(backends)('search over a summit on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, summit);
    graphql = graphqlClient(database.db);
  });
  afterAll(() => database.close());

  it('finds "ally" for "allies", and not "alliance"', async () => {
    expect(await hits(graphql, 'allies')).toEqual([
      { Claim: 'an-ally', snippet: 'Every «ally» stood with us.' },
      { Proposition: 'nato-is-united', snippet: 'The «allies» of NATO are united' },
      { Claim: 'in-context', snippet: 'Asked whether the «allies» trust Moscow' },
    ]);
  });

  it('matches a quoted phrase only as written', async () => {
    expect(await hits(graphql, '"strong partner"')).toEqual([
      { Claim: 'strong-partner', snippet: 'Russia is not a «strong» «partner» in this fight.' },
    ]);
    expect(await hits(graphql, 'strong partner')).toEqual([
      { Claim: 'strong-partner', snippet: 'Russia is not a «strong» «partner» in this fight.' },
      { Claim: 'partner-is-strong', snippet: 'The «partner» we need is «strong» and honest.' },
    ]);
  });

  it('leaves out what has an excluded word', async () => {
    expect(await hits(graphql, 'partner -russia')).toEqual([
      { Claim: 'partner-is-strong', snippet: 'The «partner» we need is strong and honest.' },
    ]);
    expect(await hits(graphql, 'allies -moscow')).toEqual([
      { Claim: 'an-ally', snippet: 'Every «ally» stood with us.' },
      { Proposition: 'nato-is-united', snippet: 'The «allies» of NATO are united' },
    ]);
  });

  it('finds misspelled names and aliases', async () => {
    expect(await hits(graphql, 'Zaharova')).toEqual([{ Actor: 'maria-zakharova', snippet: 'Maria «Zakharova»' }]);
    expect(await hits(graphql, 'Stoltenburg')).toEqual([{ Actor: 'jens-stoltenberg', snippet: 'Jens «Stoltenberg»' }]);
    expect(await hits(graphql, 'Stoltenburg -nato')).toEqual([]);
    // The alias that matches, not the name.
    expect(await hits(graphql, 'nato')).toEqual([
      { Actor: 'jens-stoltenberg', snippet: '«NATO» Secretary General' },
      { Proposition: 'nato-is-united', snippet: 'The allies of «NATO» are united' },
    ]);
  });

  it('leaves retracted claims out', async () => {
    const claim = await database.db.query.claims.findFirst({ where: { key: 'an-ally' }, columns: { id: true } });
    await retractClaim(database.db, claim!.id, 'Misattributed', 'test');
    expect(await hits(graphql, 'allies')).toEqual([
      { Proposition: 'nato-is-united', snippet: 'The «allies» of NATO are united' },
      { Claim: 'in-context', snippet: 'Asked whether the «allies» trust Moscow' },
    ]);
  });
});

// Written for this test: a harbour master who speaks of the harbor once in 2001, and then every day for 600 days
// from 2010, once with the word twice.
const harbourMaster = { slug: 'harbour-master', name: 'Harbour Master', kind: 'PERSON' };
const harbour = [
  {
    source: {
      url: 'https://example.org/harbour-interview',
      title: 'An interview',
      kind: 'ARTICLE',
      publishedOn: { value: '2001-06-02' },
    },
    actors: [harbourMaster],
    claims: [
      {
        key: 'lighthouse',
        text: 'The lighthouse keeps the harbor, the harbor keeps the town, the town keeps the harbor.',
        mode: 'DIRECT_QUOTE',
        medium: 'INTERVIEW',
        saidOn: { value: '2001-06-01' },
        speakers: ['harbour-master'],
      },
    ],
  },
  {
    source: {
      url: 'https://example.org/harbour-log',
      title: 'The harbour log',
      kind: 'ARTICLE',
      publishedOn: { value: '2013-01-01' },
    },
    actors: [harbourMaster],
    claims: Array.from({ length: 600 }, (_, day) => ({
      key: `day-${day}`,
      text: day === 500 ? 'The harbor is open, and the harbor is calm.' : `The harbor is open on day ${day}.`,
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      saidOn: { value: new Date(Date.UTC(2010, 0, 1 + day)).toISOString().slice(0, 10) },
      speakers: ['harbour-master'],
    })),
  },
];

describe.each(backends)('search in a large archive on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    for (const bundle of harbour) await importSourceBundle(database.db, bundle);
    graphql = graphqlClient(database.db);
  });
  afterAll(() => database.close());

  it('ranks the latest 500 matches of a type, so that a common word costs what a rare one does', async () => {
    const keys: string[] = [];
    let after: string | null = null;
    do {
      const page: SearchPage = await data<SearchPage>(graphql, SEARCH, {
        query: 'harbor',
        types: ['CLAIM'],
        first: 100,
        after,
      });
      keys.push(...page.search.edges.map((edge) => edge.node.key!));
      after = page.search.pageInfo.hasNextPage ? page.search.pageInfo.endCursor : null;
    } while (after);
    expect(keys).toHaveLength(500);
    expect(keys[0]).toBe('day-500');
    expect(keys).not.toContain('lighthouse');
    // Narrowed to fewer matches, the older claim is found, and ranks first.
    expect(await hits(graphql, 'harbor lighthouse')).toEqual([
      {
        Claim: 'lighthouse',
        snippet: 'The «lighthouse» keeps the «harbor», the «harbor» keeps the town, the town keeps the «harbor».',
      },
    ]);
    // Equal ranks go in the order the claims were recorded.
    expect((await hits(graphql, 'harbor', { types: ['CLAIM'], first: 3 })).map((hit) => hit.Claim)).toEqual([
      'day-500',
      'day-100',
      'day-101',
    ]);
  });
});
