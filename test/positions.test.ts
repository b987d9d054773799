import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { refreshPositions } from '../src/db/positions.js';
import { positions } from '../src/db/schema.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { setClaimStance } from '../src/domain/writes/claims.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, graphqlClient } from './support/graphql.js';

const storedPositions = (db: Database) =>
  db
    .select()
    .from(positions)
    .orderBy(
      asc(positions.actorId),
      asc(positions.propositionId),
      asc(positions.placedStart),
      asc(positions.placedEnd),
      asc(positions.evidenceClaimId),
    );

const senator = { slug: 'sam-senator', name: 'Sam Senator', kind: 'PERSON' };
const proposition = { slug: 'russia-is-an-ally', statement: 'Russia is an ally' };

/** One source in which the senator takes a stance on a day. */
const statement = (day: string, stance: string, text: string) => ({
  source: {
    url: `https://example.org/${day}`,
    title: `Report of ${day}`,
    kind: 'ARTICLE',
    publishedOn: { value: day },
  },
  actors: [senator],
  propositions: [proposition],
  claims: [
    {
      text,
      mode: 'DIRECT_QUOTE',
      speakers: ['sam-senator'],
      medium: 'INTERVIEW',
      saidOn: { value: day },
      stances: [{ proposition: 'russia-is-an-ally', stance }],
    },
  ],
});

describe.each(backends)('positions on %s', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
  });
  afterEach(() => database.close());

  it('are what a rebuild from all the claims gives, after every import', async () => {
    await seedDatabase(database.db);
    for (const [day, stance] of [
      ['2017-01-10', 'SUPPORTS'],
      ['2017-06-01', 'OPPOSES'],
      ['2017-03-01', 'SUPPORTS'],
    ] as const) {
      await importSourceBundle(database.db, statement(day, stance, `On ${day}: ${stance}`));
    }
    const kept = await storedPositions(database.db);
    expect(kept.length).toBe(28);
    expect(kept.filter((position) => position.nextPlacedStart === null).length).toBe(16);
    await database.db.transaction((tx) => refreshPositions(tx));
    expect(await storedPositions(database.db)).toEqual(kept);
  });

  it('follow an actor who supports a proposition and later opposes it', async () => {
    await importSourceBundle(database.db, statement('2017-01-10', 'SUPPORTS', 'Russia is a partner.'));
    await importSourceBundle(database.db, statement('2017-03-01', 'SUPPORTS', 'Russia is still a partner.'));
    const graphql = graphqlClient(database.db);
    const query = `{ actor(slug: "sam-senator") { positions { stance since { value } evidence { text } } } }`;
    expect(await data(graphql, query)).toEqual({
      actor: {
        positions: [
          { stance: 'SUPPORTS', since: { value: '2017-01-10' }, evidence: { text: 'Russia is still a partner.' } },
        ],
      },
    });

    await importSourceBundle(database.db, statement('2017-06-01', 'OPPOSES', 'Russia is no partner.'));
    expect(await data(graphql, query)).toEqual({
      actor: {
        positions: [{ stance: 'OPPOSES', since: { value: '2017-06-01' }, evidence: { text: 'Russia is no partner.' } }],
      },
    });

    // A claim recorded late but said earlier does not overturn the later one.
    await importSourceBundle(database.db, statement('2017-04-01', 'SUPPORTS', 'Russia helps.'));
    expect(await data(graphql, query)).toEqual({
      actor: {
        positions: [{ stance: 'OPPOSES', since: { value: '2017-06-01' }, evidence: { text: 'Russia is no partner.' } }],
      },
    });
  });
});

describe.each(backends)('positions rewritten by a write on %s', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, {
      ...statement('2017-01-10', 'SUPPORTS', 'Russia is a partner.'),
      propositions: [proposition, { slug: 'nato-is-obsolete', statement: 'NATO is obsolete' }],
      claims: [
        ...statement('2017-01-10', 'SUPPORTS', 'Russia is a partner.').claims,
        {
          text: 'NATO is obsolete.',
          mode: 'DIRECT_QUOTE',
          speakers: ['sam-senator'],
          medium: 'INTERVIEW',
          saidOn: { value: '2017-01-12' },
          stances: [{ proposition: 'nato-is-obsolete', stance: 'SUPPORTS' }],
        },
      ],
    });
  });
  afterEach(() => database.close());

  /** Each stored position with the transaction that last wrote it. */
  const writtenBy = async () =>
    (
      (await database.db.execute(
        sql`SELECT p.slug, positions.stance, positions.xmin::text AS written_by FROM positions JOIN propositions p ON p.id = proposition_id ORDER BY p.slug`,
      )) as unknown as { rows: { slug: string; stance: string; written_by: string }[] }
    ).rows;

  it('are only those its claim bears on, and the right ones after a stance is taken back', async () => {
    const before = await writtenBy();
    expect(before.map(({ slug, stance }) => [slug, stance])).toEqual([
      ['nato-is-obsolete', 'SUPPORTS'],
      ['russia-is-an-ally', 'SUPPORTS'],
    ]);
    const claim = await database.db.query.claims.findFirst({
      where: { text: 'Russia is a partner.' },
      columns: { id: true },
    });

    await setClaimStance(database.db, claim!.id, 'russia-is-an-ally', 'OPPOSES', 'test');
    const after = await writtenBy();
    expect(after.map(({ slug, stance }) => [slug, stance])).toEqual([
      ['nato-is-obsolete', 'SUPPORTS'],
      ['russia-is-an-ally', 'OPPOSES'],
    ]);
    // The position on NATO is the very row it was: no write touched it.
    expect(after[0]!.written_by).toBe(before[0]!.written_by);
    expect(after[1]!.written_by).not.toBe(before[1]!.written_by);

    await setClaimStance(database.db, claim!.id, 'russia-is-an-ally', null, 'test');
    expect((await writtenBy()).map(({ slug, stance }) => [slug, stance])).toEqual([['nato-is-obsolete', 'SUPPORTS']]);
  });
});
