import { beforeAll, describe, expect, it } from 'vitest';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { baselineOf, driftFrom, wordDifferences } from '../src/domain/drift.js';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import {
  CUT_SHORT_BUNDLE,
  CUT_SHORT_URL,
  DUPLICATE_BUNDLE,
  FOX_INTERVIEW_URL,
  PARAPHRASE_URL,
  paraphraseBundle,
  TRUMP_CLAIM_KEY,
  TRUMP_WORDS,
  WORD_CHANGED_BUNDLE,
  WORD_CHANGED_URL,
} from './support/many-reports.js';
import { rowCounts } from './support/row-counts.js';
import { seededApi } from './support/seeded-api.js';

const VOX_URL = 'https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad';

describe('the word differences of a report from its baseline', () => {
  it('leave out case, punctuation and typography: the same words, printed apart, differ in nothing', () => {
    expect(wordDifferences(TRUMP_WORDS, DUPLICATE_BUNDLE.claims[0]!.text)).toEqual([]);
    expect(wordDifferences('It’s “better” – really.', 'it\'s "better"  —  really')).toEqual([]);
  });

  it.each([
    ['a word added at the end', 'We will win.', 'We will win again.', [{ kind: 'ADDED', text: 'again', was: null }]],
    [
      'words cut from the middle',
      'We will, I promise you, win.',
      'We will win.',
      [{ kind: 'REMOVED', text: 'I promise you', was: null }],
    ],
    ['a word changed', 'a major fight', 'a big fight', [{ kind: 'CHANGED', text: 'big', was: 'major' }]],
    [
      'several changes, in the order of the words',
      'We never met, and I never called him.',
      'We met once, and I called him.',
      [
        { kind: 'REMOVED', text: 'never', was: null },
        { kind: 'ADDED', text: 'once', was: null },
        { kind: 'REMOVED', text: 'never', was: null },
      ],
    ],
  ])('tell %s', (_, baseline, report, differences) => {
    expect(wordDifferences(baseline, report)).toEqual(differences);
  });
});

describe('the drift of a report from its baseline', () => {
  const quote = { text: 'Russia is a partner against ISIS.', mode: 'DIRECT_QUOTE' } as const;

  it.each([
    ['a paraphrase printed as a quote', { ...quote, mode: 'PARAPHRASE' }, quote, ['PARAPHRASE_AS_QUOTE']],
    [
      'a characterization printed as a quote',
      { ...quote, mode: 'CHARACTERIZATION' },
      { ...quote, mode: 'PARTIAL_QUOTE' },
      ['PARAPHRASE_AS_QUOTE'],
    ],
    ['a partial quote printed whole', { ...quote, mode: 'PARTIAL_QUOTE' }, quote, ['PARTIAL_AS_WHOLE']],
    ['a cut quote printed whole', quote, { text: 'Russia is a partner.', mode: 'DIRECT_QUOTE' }, ['PARTIAL_AS_WHOLE']],
    ['a quote given as a paraphrase', quote, { ...quote, mode: 'PARAPHRASE' }, ['QUOTE_AS_PARAPHRASE']],
    ['a quote cut and said to be partial: no misgiving', quote, { text: 'a partner', mode: 'PARTIAL_QUOTE' }, []],
    [
      'a quote with a word changed: a word, not a cut',
      quote,
      { text: 'Russia is an ally against ISIS.', mode: 'DIRECT_QUOTE' },
      [],
    ],
    [
      'a paraphrase called a characterization: no misgiving',
      { ...quote, mode: 'PARAPHRASE' },
      { ...quote, mode: 'CHARACTERIZATION' },
      [],
    ],
  ] as const)('tells %s', (_, baseline, report, drift) => {
    expect(driftFrom(baseline, report).drift).toEqual(drift);
  });

  it('marks a report drifted when its words or its mode differ, and not for punctuation alone', () => {
    expect(driftFrom(quote, { ...quote, text: 'russia is a partner against ISIS!' }).drifted).toBe(false);
    expect(driftFrom(quote, { ...quote, text: 'Russia is a partner against terror.' }).drifted).toBe(true);
    expect(driftFrom(quote, { ...quote, mode: 'PARAPHRASE' }).drifted).toBe(true);
  });

  it('compares with the primary report or, without one, the earliest: by placement, then by id', () => {
    const report = (id: number, placedStart: string, placedEnd: string, primary = false) => ({
      id,
      primary,
      placedStart,
      placedEnd,
    });
    const reports = [
      report(4, '2017-02-06', '2017-02-06'),
      report(3, '2017-02-01', '2017-02-28'),
      report(2, '2017-02-01', '2017-02-28'),
      report(1, '2017-02-05', '2017-02-05', true),
    ];
    expect(baselineOf(reports)?.id).toBe(1);
    expect(baselineOf(reports.slice(0, 3))?.id).toBe(2);
    expect(baselineOf([report(5, '2017-01-01', '2017-12-31'), report(6, '2017-01-01', '2017-01-31')])?.id).toBe(6);
  });
});

const TRUMP_REPORTS = `query ($id: ID!) { node(id: $id) { ... on Claim { reports { edges { node {
  source { url } primary mode baseline drifted drift differences { kind text was } } } } } } }`;

describe.each(backends)('drift among the reports of a claim on %s', (backend) => {
  const api = seededApi(backend);
  let trumpClaim: string;
  beforeAll(async () => {
    const claim = await api.database.db.query.claims.findFirst({ where: { key: TRUMP_CLAIM_KEY } });
    trumpClaim = btoa(`Claim:${claim!.id}`);
  });

  it('the seed alone has none: its reports carry the words of the documents they come from', async () => {
    expect(await data(api.graphql, '{ claims(filter: { drifted: true }) { totalCount } }')).toEqual({
      claims: { totalCount: 0 },
    });
  });

  it("spells out each report's differences from the interview, its primary report, earliest first", async () => {
    await importSourceBundle(api.database.db, WORD_CHANGED_BUNDLE);
    await importSourceBundle(api.database.db, paraphraseBundle(trumpClaim));
    await importSourceBundle(api.database.db, CUT_SHORT_BUNDLE);
    const report = (url: string, mode: string, fields: object) => ({
      node: { source: { url }, primary: false, mode, baseline: false, ...fields },
    });
    const same = { drifted: false, drift: [], differences: [] };
    expect(await data(api.graphql, TRUMP_REPORTS, { id: trumpClaim })).toEqual({
      node: {
        reports: {
          edges: [
            {
              node: {
                source: { url: FOX_INTERVIEW_URL },
                primary: true,
                mode: 'DIRECT_QUOTE',
                baseline: true,
                ...same,
              },
            },
            report(WORD_CHANGED_URL, 'DIRECT_QUOTE', {
              drifted: true,
              drift: [],
              differences: [{ kind: 'CHANGED', text: 'big', was: 'major' }],
            }),
            report(PARAPHRASE_URL, 'PARAPHRASE', {
              drifted: true,
              drift: ['QUOTE_AS_PARAPHRASE'],
              differences: [
                {
                  kind: 'CHANGED',
                  text: 'Trump said it would be a good thing',
                  was: "it's better to get along with Russia than not. And",
                },
                { kind: 'CHANGED', text: 'helped the', was: 'helps' },
                {
                  kind: 'REMOVED',
                  text: "which is a major fight, and Islamic terrorism all over the world — that's a good thing",
                  was: null,
                },
              ],
            }),
            report(CUT_SHORT_URL, 'DIRECT_QUOTE', {
              drifted: true,
              drift: ['PARTIAL_AS_WHOLE'],
              differences: [
                {
                  kind: 'REMOVED',
                  text: "And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing",
                  was: null,
                },
              ],
            }),
            report(VOX_URL, 'DIRECT_QUOTE', same),
          ],
        },
      },
    });
  });

  it('finds the claims whose reports disagree, and the others', async () => {
    const { all } = await data<{ all: { totalCount: number } }>(api.graphql, '{ all: claims { totalCount } }');
    expect(
      await data(
        api.graphql,
        `{ drifted: claims(filter: { drifted: true }) { totalCount edges { node { key } } }
           agreeing: claims(filter: { drifted: false }) { totalCount } }`,
      ),
    ).toEqual({
      drifted: { totalCount: 1, edges: [{ node: { key: TRUMP_CLAIM_KEY } }] },
      agreeing: { totalCount: all.totalCount - 1 },
    });
  });

  it('filters on drift beside the other conditions on reports and speakers, not in their place', async () => {
    const opEd = await api.database.db.query.sources.findFirst({
      where: { url: 'urn:whosaid:foreign-policy:2017-02:kahl-brands-op-ed' },
    });
    const counts = await data(
      api.graphql,
      `{ opEd: claims(filter: { source: "${btoa(`Source:${opEd!.id}`)}", drifted: true }) { totalCount }
         anonymous: claims(filter: { anonymous: true }) { totalCount }
         anonymousAgreeing: claims(filter: { anonymous: true, drifted: false }) { totalCount } }`,
    );
    expect(counts).toEqual({
      opEd: { totalCount: 0 },
      anonymous: { totalCount: 4 },
      anonymousAgreeing: { totalCount: 4 },
    });
  });

  it('changes nothing when the reports are imported again', async () => {
    const before = await rowCounts(api.database.db);
    const reportsBefore = await data(api.graphql, TRUMP_REPORTS, { id: trumpClaim });
    await importSourceBundle(api.database.db, WORD_CHANGED_BUNDLE);
    await importSourceBundle(api.database.db, paraphraseBundle(trumpClaim));
    await importSourceBundle(api.database.db, CUT_SHORT_BUNDLE);
    expect(await rowCounts(api.database.db)).toEqual(before);
    expect(await data(api.graphql, TRUMP_REPORTS, { id: trumpClaim })).toEqual(reportsBefore);
  });

  it('compares with the earliest report where there is no primary one, and follows it when an earlier one comes', async () => {
    const outlet = (name: string, day: string, text: string) => ({
      source: {
        url: `https://${name}.example.org/2017/03/${day}/sanctions`,
        title: 'Sanctions',
        kind: 'ARTICLE',
        publishedOn: { value: `2017-03-${day}` },
      },
      claims: [
        { key: 'trump-sanctions-stay', text, mode: 'DIRECT_QUOTE', speakers: ['donald-trump'], medium: 'SPEECH' },
      ],
    });
    const driftedBySource = async () =>
      Object.fromEntries(
        (await api.database.db.query.claims.findFirst({
          where: { key: 'trump-sanctions-stay' },
          with: { reports: { columns: { drifted: true }, with: { source: { columns: { url: true } } } } },
        }))!.reports.map((report) => [new URL(report.source.url).hostname, report.drifted]),
      );
    await importSourceBundle(api.database.db, outlet('first', '10', 'We will not lift the sanctions.'));
    await importSourceBundle(api.database.db, outlet('second', '12', 'We will never lift the sanctions.'));
    expect(await driftedBySource()).toEqual({ 'first.example.org': false, 'second.example.org': true });

    await importSourceBundle(api.database.db, outlet('earlier', '09', 'We will never lift the sanctions.'));
    expect(await driftedBySource()).toEqual({
      'first.example.org': true,
      'second.example.org': false,
      'earlier.example.org': false,
    });
  });
});
