import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimReports, claimSpeakers } from '../src/db/schema.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { ValidationError } from '../src/domain/validation-error.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';

const bundle = () => ({
  source: {
    url: 'https://example.org/2017/03/senate-hearing',
    title: 'Senators question the Russia policy',
    kind: 'ARTICLE',
    publisher: 'example-news',
    authors: ['ann-reporter'],
    publishedOn: { value: '2017-03-10' },
  },
  actors: [
    { slug: 'example-news', name: 'Example News', kind: 'MEDIA_OUTLET' },
    { slug: 'ann-reporter', name: 'Ann Reporter', kind: 'PERSON' },
    {
      slug: 'sam-senator',
      name: 'Sam Senator',
      kind: 'PERSON',
      aliases: ['Sen. Senator'],
      roles: [{ title: 'senator', start: { value: '2011-01' } }],
    },
  ],
  propositions: [{ slug: 'russia-is-an-ally', statement: 'Russia is an ally' }],
  events: [
    { slug: 'march-hearing', title: 'Senate hearing on Russia', kind: 'hearing', occurredOn: { value: '2017-03-09' } },
  ],
  claims: [
    {
      text: 'Russia is no friend of ours.',
      mode: 'DIRECT_QUOTE',
      speakers: ['sam-senator'],
      medium: 'TESTIMONY',
      saidOn: { value: '2017-03-09' },
      stances: [{ proposition: 'russia-is-an-ally', stance: 'OPPOSES' }],
      events: ['march-hearing'],
    },
  ],
});

const unchanged = (n: number) => ({ created: 0, updated: 0, unchanged: n });

describe.each(backends)('importing a source bundle on %s', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
  });
  afterEach(() => database.close());

  it('creates everything the first time and changes nothing the second', async () => {
    expect(await importSourceBundle(database.db, bundle())).toEqual({
      sources: { created: 1, updated: 0, unchanged: 0 },
      actors: { created: 3, updated: 0, unchanged: 0 },
      propositions: { created: 1, updated: 0, unchanged: 0 },
      events: { created: 1, updated: 0, unchanged: 0 },
      claims: { created: 1, updated: 0, unchanged: 0 },
      reports: { created: 1, updated: 0, unchanged: 0 },
      reviews: { created: 0, updated: 0, unchanged: 0 },
      translations: { created: 0, updated: 0, unchanged: 0 },
      likelyDuplicates: [],
    });
    const counts = await rowCounts(database.db);
    expect(counts).toEqual({
      actors: 3,
      actor_roles: 1,
      actor_identifiers: 0,
      sources: 1,
      source_authors: 1,
      source_identifiers: 0,
      propositions: 1,
      events: 1,
      event_participants: 0,
      event_identifiers: 0,
      claims: 1,
      claim_speakers: 1,
      claim_stances: 1,
      claim_events: 1,
      claim_reports: 1,
      claim_translations: 0,
      claim_merges: 0,
      claim_reviews: 0,
      positions: 1,
      revisions: 13,
      trusted_documents: 0,
    });

    expect(await importSourceBundle(database.db, bundle())).toEqual({
      sources: unchanged(1),
      actors: unchanged(3),
      propositions: unchanged(1),
      events: unchanged(1),
      claims: unchanged(1),
      reports: unchanged(1),
      reviews: { created: 0, updated: 0, unchanged: 0 },
      translations: unchanged(0),
      likelyDuplicates: [],
    });
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it('updates in place what an amended bundle changes', async () => {
    await importSourceBundle(database.db, bundle());
    const amended = bundle();
    amended.actors[2]!.roles = [{ title: 'senator from Ohio', start: { value: '2011-01' } }];
    amended.claims[0]!.stances = [{ proposition: 'russia-is-an-ally', stance: 'MIXED' }];
    amended.source.title = 'Senators question the Russia policy (updated)';

    expect(await importSourceBundle(database.db, amended)).toEqual({
      sources: { created: 0, updated: 1, unchanged: 0 },
      actors: { created: 0, updated: 1, unchanged: 2 },
      propositions: unchanged(1),
      events: unchanged(1),
      claims: { created: 0, updated: 1, unchanged: 0 },
      reports: unchanged(1),
      reviews: { created: 0, updated: 0, unchanged: 0 },
      translations: unchanged(0),
      likelyDuplicates: [],
    });
    const counts = await rowCounts(database.db);
    expect([counts.actors, counts.actor_roles, counts.claims, counts.claim_stances]).toEqual([3, 1, 1, 1]);
    const position = await database.db.query.positions.findFirst({ columns: { stance: true } });
    expect(position).toEqual({ stance: 'MIXED' });
  });

  it('refers to actors, propositions and events already stored', async () => {
    await importSourceBundle(database.db, bundle());
    const followUp = {
      source: {
        url: 'https://example.org/2017/04/follow-up',
        title: 'Follow-up',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-04' },
      },
      claims: [
        {
          text: 'I stand by what I said.',
          mode: 'DIRECT_QUOTE',
          speakers: ['sam-senator'],
          medium: 'INTERVIEW',
          stances: [{ proposition: 'russia-is-an-ally', stance: 'OPPOSES' }],
          events: ['march-hearing'],
        },
      ],
    };
    const summary = await importSourceBundle(database.db, followUp);
    expect(summary.claims).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const claim = await database.db.query.claims.findFirst({
      where: { text: 'I stand by what I said.' },
      columns: { placedStart: true, placedEnd: true, saidStart: true },
    });
    // Undated, so placed in time by the report: April 2017.
    expect(claim).toEqual({ placedStart: '2017-04-01', placedEnd: '2017-04-30', saidStart: null });
  });

  it('adds a source it only cites, but never rewrites one already stored', async () => {
    await importSourceBundle(database.db, bundle());
    const citing = {
      source: {
        url: 'https://example.org/2017/05/roundup',
        title: 'Roundup',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-05' },
      },
      claims: [
        {
          text: 'Russia is no friend of ours.',
          mode: 'DIRECT_QUOTE',
          speakers: ['sam-senator'],
          medium: 'TESTIMONY',
          firstAppearedIn: { url: 'https://example.org/2017/03/senate-hearing', title: 'Hearing', kind: 'REPORT' },
        },
      ],
    };
    const summary = await importSourceBundle(database.db, citing);
    expect(summary.sources).toEqual({ created: 1, updated: 0, unchanged: 1 });
    const cited = await database.db.query.sources.findFirst({
      where: { url: 'https://example.org/2017/03/senate-hearing' },
      columns: { title: true, kind: true, publishedStart: true },
    });
    expect(cited).toEqual({
      title: 'Senators question the Russia policy',
      kind: 'ARTICLE',
      publishedStart: '2017-03-10',
    });
  });

  const rejected: [string, (b: ReturnType<typeof bundle>) => unknown, { path: string; message: string }[]][] = [
    [
      'an impossible day',
      (b) => ((b.claims[0]!.saidOn = { value: '2017-02-30' }), b),
      [{ path: 'claims[0].saidOn.value', message: '"2017-02-30" has no day 30: that month has 28 days' }],
    ],
    [
      'an impossible month',
      (b) => ((b.events[0]!.occurredOn = { value: '2017-13' }), b),
      [{ path: 'events[0].occurredOn.value', message: '"2017-13" has no month 13' }],
    ],
    [
      'a value outside an enum',
      (b) => ({ ...b, claims: [{ ...b.claims[0]!, mode: 'RUMOUR' }] }),
      [
        {
          path: 'claims[0].mode',
          message: 'Invalid option: expected one of "DIRECT_QUOTE"|"PARTIAL_QUOTE"|"PARAPHRASE"|"CHARACTERIZATION"',
        },
      ],
    ],
    [
      'a claim with neither speakers nor a description',
      (b) => ((b.claims[0]!.speakers = []), b),
      [{ path: 'claims[0].speakers', message: 'a claim needs speakers or a speakerDescription' }],
    ],
    [
      'an unknown slug',
      (b) => ((b.claims[0]!.speakers = ['nobody-at-all']), b),
      [
        {
          path: 'claims[0].speakers[0]',
          message: 'unknown actor "nobody-at-all": define it in the bundle or import it first',
        },
      ],
    ],
    [
      'an unknown proposition',
      (b) => ((b.claims[0]!.stances = [{ proposition: 'pigs-fly', stance: 'SUPPORTS' }]), b),
      [
        {
          path: 'claims[0].stances[0].proposition',
          message: 'unknown proposition "pigs-fly": define it in the bundle or import it first',
        },
      ],
    ],
    [
      'a wrong type',
      (b) => ({ ...b, claims: [{ ...b.claims[0]!, speakers: 'sam-senator' }] }),
      [{ path: 'claims[0].speakers', message: 'Invalid input: expected array, received string' }],
    ],
    [
      'a text over 10,000 characters',
      (b) => ((b.claims[0]!.text = 'x'.repeat(10_001)), b),
      [{ path: 'claims[0].text', message: 'must be at most 10000 characters' }],
    ],
    [
      'more than 1,000 claims',
      (b) => ({ ...b, claims: Array.from({ length: 1001 }, (_, i) => ({ ...b.claims[0]!, text: `claim ${i}` })) }),
      [{ path: 'claims', message: 'a bundle holds at most 1000 claims' }],
    ],
    [
      'the same keyless claim twice',
      (b) => ({ ...b, claims: [b.claims[0]!, { ...b.claims[0]! }] }),
      [{ path: 'claims[1]', message: 'repeats claims[0]: the same speakers, words and date' }],
    ],
    [
      'several undated claims in an undated source, naming each',
      (b) => {
        delete (b.source as { publishedOn?: unknown }).publishedOn;
        const undated = { ...b.claims[0]! } as Record<string, unknown>;
        delete undated.saidOn;
        return { ...b, claims: [undated, { ...undated, text: 'Another.' }] };
      },
      [
        {
          path: 'claims[0].saidOn',
          message: 'is required when neither the source nor firstAppearedIn has a publishedOn',
        },
        {
          path: 'claims[1].saidOn',
          message: 'is required when neither the source nor firstAppearedIn has a publishedOn',
        },
      ],
    ],
    [
      'a NUL character',
      (b) => ((b.claims[0]!.text = 'Russia\u0000'), b),
      [{ path: 'claims[0].text', message: 'must not contain NUL characters' }],
    ],
    [
      'a sameAs that names no claim',
      (b) => ({ ...b, claims: [{ ...b.claims[0]!, key: undefined, sameAs: btoa('Claim:999999') }] }),
      [{ path: 'claims[0].sameAs', message: `"${btoa('Claim:999999')}" names no claim` }],
    ],
    [
      'a sameAs that is not a claim id',
      (b) => ({ ...b, claims: [{ ...b.claims[0]!, key: undefined, sameAs: btoa('Actor:1') }] }),
      [{ path: 'claims[0].sameAs', message: `"${btoa('Actor:1')}" names no claim` }],
    ],
    [
      'a report time code that ends before it starts',
      (b) => ({ ...b, claims: [{ ...b.claims[0]!, report: { startSeconds: 95, endSeconds: 80 } }] }),
      [{ path: 'claims[0].report.endSeconds', message: '80 is before startSeconds 95' }],
    ],
    [
      'a bad slug',
      (b) => ((b.actors[0]!.slug = 'Example News'), b),
      [{ path: 'actors[0].slug', message: 'must be a kebab-case slug such as "donald-trump"' }],
    ],
    [
      'an undated claim in an undated source',
      (b) => {
        delete (b.source as { publishedOn?: unknown }).publishedOn;
        delete (b.claims[0] as { saidOn?: unknown }).saidOn;
        return b;
      },
      [
        {
          path: 'claims[0].saidOn',
          message: 'is required when neither the source nor firstAppearedIn has a publishedOn',
        },
      ],
    ],
  ];

  it.each(rejected)('rejects %s, naming the field, and writes nothing', async (_name, spoil, issues) => {
    const stored = bundle();
    stored.claims[0] = { ...stored.claims[0]!, key: 'the-hearing-quote' } as (typeof stored.claims)[number];
    await importSourceBundle(database.db, stored);
    const before = await rowCounts(database.db);
    const attempt = importSourceBundle(database.db, spoil(bundle()));
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('adds a report, not a claim, when another source names a claim by its key', async () => {
    const keyed = { ...bundle().claims[0]!, key: 'the-hearing-quote' };
    await importSourceBundle(database.db, { ...bundle(), claims: [keyed] });
    const elsewhere = {
      source: {
        url: 'https://example.org/2017/03/elsewhere',
        title: 'Elsewhere',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-03-12' },
      },
      claims: [{ ...keyed, text: 'Russia is no friend.', mode: 'PARAPHRASE', report: { page: '7' } }],
    };
    expect(await importSourceBundle(database.db, elsewhere)).toMatchObject({
      claims: { created: 0, updated: 0, unchanged: 0 },
      reports: { created: 1, updated: 0, unchanged: 0 },
    });
    const claim = await database.db.query.claims.findFirst({
      columns: { text: true, mode: true },
      with: { reports: { columns: { text: true, mode: true, page: true }, orderBy: { placedStart: 'asc' } } },
    });
    expect(claim).toEqual({
      text: bundle().claims[0]!.text,
      mode: bundle().claims[0]!.mode,
      reports: [
        { text: bundle().claims[0]!.text, mode: bundle().claims[0]!.mode, page: null },
        { text: 'Russia is no friend.', mode: 'PARAPHRASE', page: '7' },
      ],
    });
    const counts = await rowCounts(database.db);
    expect(await importSourceBundle(database.db, elsewhere)).toMatchObject({ reports: unchanged(1) });
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it('accepts an event that ends in the month it began', async () => {
    const withSpan = bundle();
    withSpan.events[0] = {
      ...withSpan.events[0]!,
      occurredOn: { value: '2017-03-09' },
      endedOn: { value: '2017-03' },
    } as (typeof withSpan.events)[number];
    expect((await importSourceBundle(database.db, withSpan)).events).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('rejects a claim without speakers in the database too, at commit', async () => {
    await importSourceBundle(database.db, bundle());
    const before = await rowCounts(database.db);
    const failure = await database.db
      .transaction(async (tx) => {
        await tx.delete(claimSpeakers);
      })
      .catch((error: Error) => error);
    // node-postgres reports the failed COMMIT with the database's reason as its cause; PGlite reports the reason.
    const reasons = [failure, (failure as Error | undefined)?.cause].map(
      (error) => (error as Error | undefined)?.message,
    );
    expect(reasons.some((reason) => reason?.includes('has neither speakers nor a speaker description'))).toBe(true);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('rejects a claim that no source reports, in the database too, at commit', async () => {
    await importSourceBundle(database.db, bundle());
    const before = await rowCounts(database.db);
    const failure = await database.db
      .transaction(async (tx) => {
        await tx.delete(claimReports);
      })
      .catch((error: Error) => error);
    const reasons = [failure, (failure as Error | undefined)?.cause].map(
      (error) => (error as Error | undefined)?.message,
    );
    expect(reasons.some((reason) => reason?.includes('is reported by no source'))).toBe(true);
    expect(await rowCounts(database.db)).toEqual(before);
  });
});
