import { describe, expect, it } from 'vitest';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

// A partial date stands for every day it may be: "2017-02" is February 1 to 28, and matches any range that
// overlaps it.
describe.each(backends)('date filters on %s', (backend) => {
  const api = seededApi(backend);

  const claimKeys = async (from: string | null, to: string | null) => {
    const result = await data<{ claims: { edges: { node: { key: string } }[] } }>(
      api.graphql,
      `query ($from: Date, $to: Date) { claims(filter: { saidFrom: $from, saidTo: $to, anonymous: false }, orderBy: SAID_ON_ASC, first: 100) {
         edges { node { key } } } }`,
      { from, to },
    );
    return result.claims.edges.map((edge) => edge.node.key);
  };

  it('matches a claim dated to the month from any day of that month', async () => {
    expect(await claimKeys('2017-02-20', '2017-02-20')).toEqual([
      'kahl-brands-foreign-policy',
      'atlantic-council-hospitals-report',
    ]);
  });

  it('matches day and month precision alike over a range', async () => {
    expect(await claimKeys('2017-02-01', '2017-03-01')).toEqual([
      'kahl-brands-foreign-policy',
      'atlantic-council-hospitals-report',
      'trump-fox-news-2017-02-05',
      'fox-news-bombing-near-us-troops',
      'stephen-townsend-quick-calls',
    ]);
  });

  it('places undated claims at the date their source was published', async () => {
    const keys = await claimKeys('2017-05-16', null);
    expect(keys).toHaveLength(20);
    expect(keys).toContain('jim-townsend-no');
    expect(keys).not.toContain('trump-fox-news-2017-02-05');
  });

  it('matches a claim dated to the year from its last day, a year after its first', async () => {
    await importSourceBundle(api.database.db, {
      source: {
        url: 'https://example.org/memoir',
        title: 'An interview, looking back',
        kind: 'INTERVIEW',
        publishedOn: { value: '2019' },
      },
      claims: [
        {
          key: 'said-in-2016',
          text: 'Russia will help us against ISIS, I said that year.',
          mode: 'PARAPHRASE',
          speakers: ['donald-trump'],
          medium: 'INTERVIEW',
          saidOn: { value: '2016' },
        },
      ],
    });
    expect(await claimKeys('2016-12-31', '2016-12-31')).toEqual(['said-in-2016']);
    expect(await claimKeys('2016-01-01', '2016-01-01')).toEqual(['said-in-2016']);
    expect(await claimKeys('2017-01-01', '2017-01-01')).toEqual([]);
  });

  it('matches nothing in a range that no date overlaps', async () => {
    expect(await claimKeys('2017-03-02', '2017-05-15')).toEqual([]);
  });

  it('matches an event by the whole of its span', async () => {
    const result = await data<{ events: { edges: { node: { slug: string } }[] } }>(
      api.graphql,
      `{ events(filter: { from: "1945-02-14", to: "1945-02-14" }, first: 10) { edges { node { slug } } } }`,
    );
    expect(result.events.edges.map((edge) => edge.node.slug)).toEqual(['bombing-of-dresden']);
  });

  it('filters events by participant and kind, undated ones last', async () => {
    const result = await data<{ events: { edges: { node: { slug: string } }[] } }>(
      api.graphql,
      `{ events(filter: { participant: "russian-government", kind: "bombing" }, first: 10) { edges { node { slug } } } }`,
    );
    expect(result.events.edges.map((edge) => edge.node.slug)).toEqual([
      'russian-bombing-near-us-troops',
      'bombing-of-aleppo',
    ]);
  });

  it('rejects a range that ends before it starts', async () => {
    const result = await api.graphql(
      `{ claims(filter: { saidFrom: "2017-03-01", saidTo: "2017-02-01" }, first: 1) { totalCount } }`,
    );
    expect(result.errors?.map((error) => error.message)).toEqual(['saidFrom 2017-03-01 is after saidTo 2017-02-01']);
  });

  it('rejects a date that is not a full day', async () => {
    const result = await api.graphql(`{ events(filter: { from: "2017-02" }, first: 1) { totalCount } }`);
    expect(result.errors?.map((error) => error.message)).toEqual([
      'Invalid Date: "2017-02" is not a full date: use YYYY-MM-DD',
    ]);
  });
});
