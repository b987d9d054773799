import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPostgres } from '../bench/generate.js';
import type { Database } from '../src/db/database.js';
import { claims } from '../src/db/schema.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { exportBundles } from '../src/domain/bundle/export/export-bundles.js';
import { ndjsonLines } from '../src/domain/bundle/export/ndjson.js';
import { BundleLineError, importNdjson } from '../src/domain/bundle/import-ndjson.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import type { ValidationError } from '../src/domain/validation-error.js';
import { setAttributionStatus } from '../src/domain/writes/attribution.js';
import { retractClaim } from '../src/domain/writes/claims.js';
import { mergeClaims } from '../src/domain/writes/merge-claims.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { archiveRows, archiveTables, NOT_ARCHIVE, schemaTables } from './support/archive-rows.js';
import { type Backend, backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';
import { VOX_URL } from './support/seed-article.js';

const FOX_INTERVIEW_URL = 'urn:whosaid:fox-news:2017-02-05:oreilly-interview-trump';
const CARDIN_INTERVIEW_URL = 'https://www.example.org/2017/05/17/cardin-on-russia';

const FACT_CHECK_URL = 'https://factcheck.example.org/2017/02/08/trump-russia';
const ZEITUNG_URL = 'https://www.example.de/2017/05/18/gespraeche-mit-moskau';

/**
 * A second source beside the seed: an interview that repeats one of Cardin's claims (merged into the seed's below),
 * reports Trump's Fox News words at a time code of its own and in words of its own, with a fact-check of each, and
 * describes an actor with a role, a proposition and an event that no claim or source refers to. The source, an actor
 * and the event have identifiers (the seed gives other actors theirs).
 */
const CARDIN_INTERVIEW = {
  source: {
    url: CARDIN_INTERVIEW_URL,
    title: 'Cardin on Russia, the day after',
    kind: 'INTERVIEW',
    publisher: 'example-radio',
    publishedOn: { value: '2017-05-17' },
    identifiers: [{ scheme: 'WEBSITE', value: 'https://radio.example.org/shows/2017-05-17' }],
  },
  actors: [
    { slug: 'example-radio', name: 'Example Radio', kind: 'MEDIA_OUTLET' },
    { slug: 'example-fact-check', name: 'Example Fact Check', kind: 'ORGANIZATION' },
    {
      slug: 'ann-example',
      name: 'Ann Example',
      kind: 'PERSON',
      roles: [
        { title: 'Host', organization: 'example-radio', start: { value: '2015', approximate: true }, former: true },
      ],
      identifiers: [
        { scheme: 'ORCID', value: '0000-0002-1825-0097' },
        { scheme: 'SOCIAL', value: 'https://social.example.org/@ann' },
      ],
    },
  ],
  propositions: [{ slug: 'sanctions-on-russia-work', statement: 'Sanctions on Russia change what Russia does.' }],
  events: [
    {
      slug: 'example-radio-town-hall',
      title: 'Example Radio town hall',
      occurredOn: { value: '2017-06' },
      participants: [{ actor: 'ann-example', role: 'host' }],
      identifiers: [{ scheme: 'WEBSITE', value: 'https://radio.example.org/town-hall-2017' }],
    },
  ],
  claims: [
    {
      key: 'cardin-exacerbated-conditions-again',
      text: 'Russian actions in Syria have made conditions there worse.',
      mode: 'PARAPHRASE',
      medium: 'INTERVIEW',
      speakers: ['ben-cardin'],
      saidOn: { value: '2017-05-17' },
      stances: [{ proposition: 'sanctions-on-russia-work', stance: 'SUPPORTS' }],
      report: { startSeconds: 61.5, endSeconds: 70 },
      reviews: [
        {
          reviewer: 'example-fact-check',
          url: 'https://factcheck.example.org/2017/05/18/cardin-syria',
          publishedOn: { value: '2017-05-18' },
          rating: { alternateName: 'True', ratingValue: 1, bestRating: 1, worstRating: 0 },
          ratingExplanation: 'Aid groups reported more displaced people after the strikes.',
        },
      ],
    },
    {
      key: 'trump-fox-news-2017-02-05',
      text: "It's better to get along with Russia than not.",
      mode: 'PARTIAL_QUOTE',
      medium: 'INTERVIEW',
      speakers: ['donald-trump'],
      report: { page: '2', anchor: 'trump-quote' },
      reviews: [
        {
          reviewer: 'example-fact-check',
          url: FACT_CHECK_URL,
          publishedOn: { value: '2017-02-08' },
          rating: { alternateName: 'Half True', ratingValue: 3, bestRating: 5, worstRating: 1 },
          claimReviewed: 'Getting along with Russia is better than not.',
        },
      ],
    },
  ],
};

/**
 * A German newspaper: a claim in German with its English version as the paper printed it and a French one by
 * whosaid's editors, and its report of Trump's Fox News words with the German it printed them in.
 */
const ZEITUNG_ARTICLE = {
  source: {
    url: ZEITUNG_URL,
    title: 'Gespräche mit Moskau',
    kind: 'ARTICLE',
    publisher: 'example-zeitung',
    publishedOn: { value: '2017-05-18' },
  },
  actors: [
    { slug: 'example-zeitung', name: 'Example Zeitung', kind: 'MEDIA_OUTLET' },
    { slug: 'anna-beispiel', name: 'Anna Beispiel', kind: 'PERSON' },
  ],
  claims: [
    {
      key: 'anna-beispiel-gespraeche',
      text: 'Wir brauchen Gespräche mit Moskau.',
      language: 'de',
      translations: [
        { language: 'en', text: 'We need talks with Moscow.' },
        { language: 'fr', text: 'Nous avons besoin de discussions avec Moscou.', by: 'editors' },
      ],
      mode: 'DIRECT_QUOTE',
      medium: 'INTERVIEW',
      speakers: ['anna-beispiel'],
      saidOn: { value: '2017-05-18' },
    },
    {
      key: 'trump-fox-news-2017-02-05',
      recordedBy: VOX_URL,
      text: "It's better to get along with Russia than not.",
      translations: [{ language: 'de', text: 'Es ist besser, mit Russland auszukommen, als nicht.', by: 'source' }],
      mode: 'PARTIAL_QUOTE',
      medium: 'INTERVIEW',
    },
  ],
};

type Entry = { key: string };

async function claimId(db: Database, key: string): Promise<number> {
  const [row] = await db.select({ id: claims.id }).from(claims).where(eq(claims.key, key));
  return row!.id;
}

/** The seed and two more sources, then what editors did afterwards: a retraction, an attribution status and a merge. */
async function seedWithEditorialActs(db: Database): Promise<void> {
  await seedDatabase(db);
  await importSourceBundle(db, CARDIN_INTERVIEW);
  await importSourceBundle(db, ZEITUNG_ARTICLE);
  await retractClaim(db, await claimId(db, 'jim-townsend-no'), 'A reaction, not a claim', 'test');
  await setAttributionStatus(
    db,
    await claimId(db, 'cardin-not-allies'),
    { status: 'DISPUTED', note: 'His office says he was quoted out of context.', evidence: FOX_INTERVIEW_URL },
    'test',
  );
  const [keep, merge] = await Promise.all(
    ['cardin-exacerbated-conditions', 'cardin-exacerbated-conditions-again'].map((key) => claimId(db, key)),
  );
  const versions = await db
    .select({ id: claims.id, version: claims.version })
    .from(claims)
    .where(inArray(claims.id, [keep!, merge!]));
  const versionOf = (id: number) => versions.find((row) => row.id === id)!.version;
  await mergeClaims(
    db,
    { keep: keep!, merge: merge!, expectedVersions: { keep: versionOf(keep!), merge: versionOf(merge!) } },
    'test',
  );
}

async function exportedLines(db: Database): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of ndjsonLines(exportBundles(db))) lines.push(line.trimEnd());
  return lines;
}

async function* each(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

/** Exports `from`, imports the export into a fresh database and expects every archive table to hold the same. */
async function expectRoundTrip(backend: Backend, from: Database): Promise<{ lines: string[]; into: TestDatabase }> {
  const lines = await exportedLines(from);
  const into = await openTestDatabase(backend);
  await importNdjson(into.db, each(lines));
  const [before, after] = [await archiveRows(from), await archiveRows(into.db)];
  for (const table of Object.keys(before))
    expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
  return { lines, into };
}

it('compares every table of the schema, or says why it leaves one out', () => {
  expect(archiveTables().length + Object.keys(NOT_ARCHIVE).length).toBe(schemaTables().length);
  expect(Object.keys(NOT_ARCHIVE).filter((name) => !schemaTables().includes(name))).toEqual([]);
});

describe.each(backends)('export and import on %s', (backend) => {
  let source: TestDatabase;
  beforeAll(async () => {
    source = await openTestDatabase(backend);
    await seedWithEditorialActs(source.db);
  });
  afterAll(() => source.close());

  it('fills every archive table in the fixture, so that a table the export leaves out fails the round trip', async () => {
    const rows = await archiveRows(source.db);
    expect(Object.entries(rows).filter(([, tableRows]) => tableRows.length === 0)).toEqual([]);
  });

  it('gives back the seed with its identifiers, reviews, translations, retraction, attribution status and merge, table for table', async () => {
    const { lines, into } = await expectRoundTrip(backend, source.db);
    try {
      const bundles = lines.map((line) => JSON.parse(line));
      const entry = (key: string) =>
        bundles.flatMap((bundle) => bundle.claims ?? []).find((claim: { key: string }) => claim.key === key);
      const lineOf = (url: string, key: string) =>
        bundles.findIndex((bundle) => bundle.source?.url === url && bundle.claims.some((c: Entry) => c.key === key));
      const entryOf = (url: string, key: string) =>
        bundles[lineOf(url, key)].claims.find((claim: Entry) => claim.key === key);

      expect(bundles.flatMap((bundle) => bundle.actors ?? []).find((a) => a.slug === 'ann-example')).toMatchObject({
        identifiers: [
          { scheme: 'ORCID', value: '0000-0002-1825-0097' },
          { scheme: 'SOCIAL', value: 'https://social.example.org/@ann' },
        ],
      });
      expect(bundles.flatMap((bundle) => bundle.events ?? [])).toContainEqual(
        expect.objectContaining({
          slug: 'example-radio-town-hall',
          identifiers: [{ scheme: 'WEBSITE', value: 'https://radio.example.org/town-hall-2017' }],
        }),
      );
      expect(bundles.find((bundle) => bundle.source?.url === CARDIN_INTERVIEW_URL).source.identifiers).toEqual([
        { scheme: 'WEBSITE', value: 'https://radio.example.org/shows/2017-05-17' },
      ]);

      // A review is on the entry of the source that recorded its claim, whichever bundle brought it.
      expect(entryOf(VOX_URL, 'trump-fox-news-2017-02-05').reviews).toEqual([
        {
          reviewer: 'example-fact-check',
          url: FACT_CHECK_URL,
          publishedOn: { value: '2017-02-08' },
          rating: { alternateName: 'Half True', ratingValue: 3, bestRating: 5, worstRating: 1 },
          claimReviewed: 'Getting along with Russia is better than not.',
        },
      ]);
      expect(entryOf(VOX_URL, 'cardin-exacerbated-conditions').reviews).toEqual([
        CARDIN_INTERVIEW.claims[0]!.reviews![0],
      ]);

      // An owned entry carries the claim's language, the source's translations and the editors'; a report entry
      // carries the translations its source printed, after the recording source's entry.
      expect(entryOf(ZEITUNG_URL, 'anna-beispiel-gespraeche')).toMatchObject({
        language: 'de',
        translations: ZEITUNG_ARTICLE.claims[0]!.translations,
      });
      expect(entryOf(VOX_URL, 'trump-fox-news-2017-02-05')).toMatchObject({ language: 'en' });
      expect(entryOf(VOX_URL, 'trump-fox-news-2017-02-05')).not.toHaveProperty('translations');
      expect(entryOf(ZEITUNG_URL, 'trump-fox-news-2017-02-05')).toEqual({
        key: 'trump-fox-news-2017-02-05',
        recordedBy: VOX_URL,
        text: "It's better to get along with Russia than not.",
        mode: 'PARTIAL_QUOTE',
        medium: 'INTERVIEW',
        report: { publishedOn: { value: '2017-05-18' } },
        translations: [{ language: 'de', text: 'Es ist besser, mit Russland auszukommen, als nicht.' }],
      });
      expect(lineOf(ZEITUNG_URL, 'trump-fox-news-2017-02-05')).toBeGreaterThan(
        lineOf(VOX_URL, 'trump-fox-news-2017-02-05'),
      );

      expect(entry('jim-townsend-no').retracted).toEqual({
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/),
        reason: 'A reaction, not a claim',
      });
      expect(entry('cardin-not-allies').attribution).toMatchObject({
        status: 'DISPUTED',
        note: 'His office says he was quoted out of context.',
        evidence: { url: FOX_INTERVIEW_URL, kind: 'INTERVIEW' },
      });
      expect(entry('cardin-exacerbated-conditions').merged).toEqual([
        { key: 'cardin-exacerbated-conditions-again', at: expect.any(String) },
      ]);
      // The catalog first (no source), then each source's own claims, then its reports of other sources' claims.
      expect(bundles[0]).not.toHaveProperty('source');
      const reportLines = bundles.filter((bundle) => bundle.claims?.some((c: { recordedBy?: string }) => c.recordedBy));
      expect(reportLines.map((bundle) => bundle.source.url).sort()).toEqual([
        ZEITUNG_URL,
        CARDIN_INTERVIEW_URL,
        'urn:whosaid:atlantic-council:2017-02:report-on-hospital-bombings-in-syria',
        'urn:whosaid:foreign-policy:2017-02:kahl-brands-op-ed',
        FOX_INTERVIEW_URL,
      ]);
      // The merged claim's key still answers for the kept claim in the imported archive.
      const again = await importSourceBundle(into.db, {
        source: CARDIN_INTERVIEW.source,
        claims: [CARDIN_INTERVIEW.claims[0]],
      });
      expect(again.claims).toEqual({ created: 0, updated: 0, unchanged: 0 });
      expect(again.reports).toEqual({ created: 0, updated: 0, unchanged: 1 });
    } finally {
      await into.close();
    }
  });

  it('imports the export a second time without changing anything', async () => {
    const lines = await exportedLines(source.db);
    const before = await rowCounts(source.db);
    await importNdjson(source.db, each(lines));
    expect(await rowCounts(source.db)).toEqual(before);
  });

  it('refuses a line that is not a bundle, naming the line and the field; the lines before it stay imported', async () => {
    const into = await openTestDatabase(backend);
    try {
      const lines = [
        JSON.stringify({ actors: [{ slug: 'ann-example', name: 'Ann Example', kind: 'PERSON' }] }),
        '',
        JSON.stringify({
          source: { url: 'https://www.example.org/a', title: 'A', kind: 'ARTICLE' },
          claims: [
            { text: 'x', mode: 'SHOUTED', medium: 'SPEECH', speakers: ['ann-example'], saidOn: { value: '2020' } },
          ],
        }),
        JSON.stringify({ actors: [{ slug: 'bob-example', name: 'Bob Example', kind: 'PERSON' }] }),
      ];
      const error = await importNdjson(into.db, each(lines)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BundleLineError);
      expect((error as BundleLineError).line).toBe(3);
      expect((error as BundleLineError).issues).toEqual([
        { path: 'claims[0].mode', message: expect.stringContaining('DIRECT_QUOTE') },
      ]);
      expect((await rowCounts(into.db)).actors).toBe(1);

      const notJson = await importNdjson(into.db, each(['{"actors": ['])).catch((e: unknown) => e);
      expect((notJson as BundleLineError).message).toMatch(/^line 1: is not JSON/);

      const early = await importNdjson(
        into.db,
        each([
          JSON.stringify({
            source: { url: 'https://www.example.org/b', title: 'B', kind: 'ARTICLE', publishedOn: { value: '2020' } },
            claims: [{ key: 'not-yet', recordedBy: VOX_URL, text: 'y', mode: 'PARAPHRASE', medium: 'SPEECH' }],
          }),
        ]),
      ).catch((e: unknown) => e);
      expect((early as BundleLineError).issues).toEqual([
        {
          path: 'claims[0].key',
          message: `"not-yet" names no claim whosaid has: import the bundle of ${VOX_URL} first`,
        },
      ]);
    } finally {
      await into.close();
    }
  });

  it('refuses editorial fields that are wrong, naming each, and writes nothing', async () => {
    const article = { url: 'https://www.example.org/2017/05/18/cardin-again', title: 'Cardin again', kind: 'ARTICLE' };
    const entry = {
      text: 'Russia is not our ally.',
      mode: 'PARAPHRASE',
      medium: 'INTERVIEW',
      speakers: ['ben-cardin'],
    };
    const before = await rowCounts(source.db);
    const refused = async (bundle: unknown) =>
      ((await importSourceBundle(source.db, bundle).catch((e: unknown) => e)) as ValidationError).issues;

    expect(
      await refused({
        source: article,
        claims: [
          {
            ...entry,
            key: 'cardin-again',
            saidOn: { value: '2017-05-18' },
            retracted: { at: 'yesterday', reason: ' ' },
            attribution: { status: 'REPORTED', evidence: article, setAt: '2017-05-19T10:00:00Z' },
          },
          { ...entry, recordedBy: VOX_URL },
        ],
      }),
    ).toEqual([
      { path: 'claims[0].retracted.at', message: 'Invalid ISO datetime' },
      { path: 'claims[0].retracted.reason', message: 'must not be empty' },
      {
        path: 'claims[0].attribution.status',
        message: 'Invalid option: expected one of "VERIFIED"|"DISPUTED"|"MISATTRIBUTED"',
      },
      { path: 'claims[1].key', message: 'is how recordedBy names the claim: give it' },
    ]);
    expect(
      await refused({
        source: article,
        claims: [
          {
            ...entry,
            key: 'cardin-again',
            saidOn: { value: '2017-05-18' },
            merged: [{ key: 'cardin-again', at: '2017-05-19T10:00:00.123456+00:00' }],
          },
        ],
      }),
    ).toEqual([{ path: 'claims[0].merged[0].key', message: 'is this claim’s own key' }]);
    expect(
      await refused({
        source: article,
        claims: [{ ...entry, key: 'trump-fox-news-2017-02-05', recordedBy: FOX_INTERVIEW_URL }],
      }),
    ).toEqual([{ path: 'claims[0].recordedBy', message: `the claim was recorded by ${VOX_URL}` }]);
    expect(
      await refused({
        source: article,
        claims: [
          {
            ...entry,
            key: 'cardin-again',
            saidOn: { value: '2017-05-18' },
            merged: [{ key: 'jim-townsend-no', at: '2017-05-19T10:00:00Z' }],
          },
        ],
      }),
    ).toEqual([
      {
        path: 'claims[0].merged[0].key',
        message: '"jim-townsend-no" is the key of a claim whosaid has: merge the two with mergeClaims',
      },
    ]);
    expect(await rowCounts(source.db)).toEqual(before);
  });

  it('serves the export at GET /export.ndjson to an editor, streamed, and refuses a reader and no key', async () => {
    const editor = (await createApiKey(source.db, `export-editor-${backend}`, 'EDITOR')).key;
    const reader = (await createApiKey(source.db, `export-reader-${backend}`, 'READER')).key;
    const yoga = createWhosaid({ database: () => source.db });
    const get = (key?: string) =>
      yoga.fetch('http://whosaid.test/export.ndjson', { headers: key ? { authorization: `Bearer ${key}` } : {} });

    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect(
      ((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
    const asReader = await get(reader);
    expect(asReader.status).toBe(403);
    expect(((await asReader.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await get('whosaid_not-a-key')).status).toBe(401);

    const asEditor = await get(editor);
    expect(asEditor.status).toBe(200);
    expect(asEditor.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const body = await asEditor.text();
    expect(body.trimEnd().split('\n')).toEqual(await exportedLines(source.db));
  });
});

// On Postgres only: the round trip of the small archive's 1,000 claims takes 20 s there and 80 s on PGlite.
describe.each(backends.filter((backend) => backend === 'postgres'))('the small benchmark archive on %s', (backend) => {
  let archive: TestDatabase;
  beforeAll(async () => {
    archive = await openTestDatabase(backend);
    await loadPostgres(archive.url!, { size: 'small' });
  }, 120_000);
  afterAll(() => archive.close());

  it('comes back the same, table for table', async () => {
    const { into } = await expectRoundTrip(backend, archive.db);
    await into.close();
  }, 300_000);
});
