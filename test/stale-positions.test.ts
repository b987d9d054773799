import { type SQL, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { derivedPositions, refreshPositions } from '../src/db/positions.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { writeTransaction } from '../src/domain/writes/write-transaction.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';
import { SENATE_RECORD_URL as RECORD, senateRecord as senate } from './support/senate-record.js';

// Two senators, two propositions, and one report that records what they said. Each test writes claims into it, by
// the import or by hand with SQL, and checks that the stored positions are what the claims now imply.

/** A claim of the record, keyed, by one speaker with one stance on one day. */
const said = (key: string, speaker: string, proposition: string, stance: string, day: string) => ({
  key,
  text: `${speaker} on ${proposition}: ${stance}, ${day}`,
  mode: 'DIRECT_QUOTE',
  speakers: [speaker],
  medium: 'SPEECH',
  saidOn: { value: day },
  stances: [{ proposition, stance }],
});

const rows = async <Row>(db: Database, query: SQL) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

/** Where each actor stands now on each proposition, by slug. */
const currentPositions = (db: Database) =>
  rows<{ actor: string; proposition: string; stance: string }>(
    db,
    sql`SELECT a.slug AS actor, p.slug AS proposition, positions.stance FROM positions
      JOIN actors a ON a.id = actor_id JOIN propositions p ON p.id = proposition_id
      WHERE next_placed_start IS NULL ORDER BY a.slug, p.slug`,
  );

const POSITION_COLUMNS = sql.raw(`actor_id, proposition_id, evidence_claim_id, stance, since_claim_id,
  previous_stance, changed, previous_claim_id, placed_start::text, placed_end::text, next_placed_start::text,
  since_placed_start::text`);

/** Every stored position row, and every row a derivation from all the claims gives now: a write leaves them equal. */
const storedAndDerived = async (db: Database) => ({
  stored: await rows(db, sql`SELECT ${POSITION_COLUMNS} FROM positions ORDER BY 1, 2, 3`),
  derived: await rows(db, sql`SELECT ${POSITION_COLUMNS} FROM (${derivedPositions()}) AS d ORDER BY 1, 2, 3`),
});

const staleCount = async (db: Database) =>
  Number((await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM stale_positions`))[0]!.n);

/** Statements that record a claim by hand, as any SQL may: the claim, its report, its speaker, its stance. */
async function sayInSql(
  tx: Database,
  claim: { key: string; speaker: string; proposition: string; stance: string; day: string },
): Promise<void> {
  await tx.execute(sql`INSERT INTO claims (key, text, mode, medium, source_id, placed_start, placed_end)
    SELECT ${claim.key}, ${`Said by hand: ${claim.key}`}, 'DIRECT_QUOTE', 'SPEECH', id, ${claim.day}, ${claim.day}
    FROM sources WHERE url = ${RECORD}`);
  await tx.execute(sql`INSERT INTO claim_reports (claim_id, source_id, text, mode, placed_start, placed_end)
    SELECT id, source_id, text, mode, placed_start, placed_end FROM claims WHERE key = ${claim.key}`);
  await tx.execute(sql`INSERT INTO claim_speakers (claim_id, actor_id, position, placed_start, placed_end)
    SELECT c.id, a.id, 0, c.placed_start, c.placed_end FROM claims c, actors a
    WHERE c.key = ${claim.key} AND a.slug = ${claim.speaker}`);
  await tx.execute(sql`INSERT INTO claim_stances (claim_id, proposition_id, stance)
    SELECT c.id, p.id, ${claim.stance} FROM claims c, propositions p
    WHERE c.key = ${claim.key} AND p.slug = ${claim.proposition}`);
}

describe.each(backends)('positions kept by the stale pairs the database records, on %s', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, senate);
  });
  afterEach(() => database.close());

  it('follow a stance written with raw SQL through writeTransaction, by no write function', async () => {
    await importSourceBundle(database.db, {
      ...senate,
      claims: [{ ...said('sam-on-russia', 'sam-senator', 'russia-is-an-ally', 'SUPPORTS', '2017-01-10'), stances: [] }],
    });
    expect(await currentPositions(database.db)).toEqual([]);

    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`INSERT INTO claim_stances (claim_id, proposition_id, stance)
        SELECT c.id, p.id, 'OPPOSES' FROM claims c, propositions p
        WHERE c.key = 'sam-on-russia' AND p.slug = 'russia-is-an-ally'`),
    );

    expect(await currentPositions(database.db)).toEqual([
      { actor: 'sam-senator', proposition: 'russia-is-an-ally', stance: 'OPPOSES' },
    ]);
    const { stored, derived } = await storedAndDerived(database.db);
    expect(stored).toEqual(derived);
    expect(await staleCount(database.db)).toBe(0);
  });

  it("leave the old speaker no position when an import replaces a claim's speakers and stances at once", async () => {
    await importSourceBundle(database.db, {
      ...senate,
      claims: [said('the-quote', 'sam-senator', 'russia-is-an-ally', 'SUPPORTS', '2017-01-10')],
    });
    expect(await currentPositions(database.db)).toEqual([
      { actor: 'sam-senator', proposition: 'russia-is-an-ally', stance: 'SUPPORTS' },
    ]);

    // The quote was Rita's, and about NATO: the import deletes and reinserts both the speakers and the stances.
    const summary = await importSourceBundle(database.db, {
      ...senate,
      claims: [said('the-quote', 'rita-rep', 'nato-is-obsolete', 'OPPOSES', '2017-01-10')],
    });

    expect(summary.claims).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await currentPositions(database.db)).toEqual([
      { actor: 'rita-rep', proposition: 'nato-is-obsolete', stance: 'OPPOSES' },
    ]);
    const { stored, derived } = await storedAndDerived(database.db);
    expect(stored).toEqual(derived);
    expect(await staleCount(database.db)).toBe(0);
  });

  it('follow a claim moved in time, retracted or deleted with raw SQL', async () => {
    await importSourceBundle(database.db, {
      ...senate,
      claims: [
        said('sam-in-january', 'sam-senator', 'russia-is-an-ally', 'SUPPORTS', '2017-01-10'),
        said('sam-in-june', 'sam-senator', 'russia-is-an-ally', 'OPPOSES', '2017-06-01'),
      ],
    });
    const samOnRussia = async () => (await currentPositions(database.db)).map((position) => position.stance);
    expect(await samOnRussia()).toEqual(['OPPOSES']);

    // January's words were in fact said in September: they are the latest.
    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`UPDATE claims SET placed_start = '2017-09-01', placed_end = '2017-09-01'
        WHERE key = 'sam-in-january'`),
    );
    expect(await samOnRussia()).toEqual(['SUPPORTS']);

    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`UPDATE claims SET retracted_at = now(), retraction_reason = 'misquoted'
        WHERE key = 'sam-in-january'`),
    );
    expect(await samOnRussia()).toEqual(['OPPOSES']);

    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`UPDATE claims SET retracted_at = NULL, retraction_reason = NULL WHERE key = 'sam-in-january'`),
    );
    expect(await samOnRussia()).toEqual(['SUPPORTS']);

    // The cascade takes the claim's speakers and stances with it; the pair was recorded before they went. Without
    // it, June's position would still say that a later claim followed it, and Sam would stand nowhere.
    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`DELETE FROM claims WHERE key = 'sam-in-january'`),
    );
    expect(await samOnRussia()).toEqual(['OPPOSES']);
    const { stored, derived } = await storedAndDerived(database.db);
    expect(stored).toEqual(derived);
    expect(stored).toHaveLength(1);
    expect(await staleCount(database.db)).toBe(0);
  });

  it('move the date a whole run holds since when its first claim moves and stays first', async () => {
    await importSourceBundle(database.db, {
      ...senate,
      claims: ['01-10', '02-01', '03-01', '04-01'].map((day, i) =>
        said(`sam-${i}`, 'sam-senator', 'russia-is-an-ally', 'SUPPORTS', `2017-${day}`),
      ),
    });
    // The write reads the first claim and its neighbour, not the rows after them, which hold since it all the same.
    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`UPDATE claims SET placed_start = '2017-01-20', placed_end = '2017-01-20' WHERE key = 'sam-0'`),
    );
    const { stored, derived } = await storedAndDerived(database.db);
    expect(stored).toEqual(derived);
    expect(await rows(database.db, sql`SELECT DISTINCT since_placed_start::text AS since FROM positions`)).toEqual([
      { since: '2017-01-20' },
    ]);
  });

  it('are not stale after an edit that neither moves nor retracts a claim', async () => {
    await importSourceBundle(database.db, {
      ...senate,
      claims: [said('the-quote', 'sam-senator', 'russia-is-an-ally', 'SUPPORTS', '2017-01-10')],
    });
    const staleWithin = await writeTransaction(database.db, 'test', async (tx) => {
      await tx.execute(sql`UPDATE claims SET text = 'Russia is an ally, said Sam.', context = 'at a hearing'`);
      return staleCount(tx);
    });
    expect(staleWithin).toBe(0);
  });

  it('are left as they were, with no stale pair, by a write that fails', async () => {
    await importSourceBundle(database.db, {
      ...senate,
      claims: [said('the-quote', 'sam-senator', 'russia-is-an-ally', 'SUPPORTS', '2017-01-10')],
    });
    const before = await rowCounts(database.db);
    const positionsBefore = await currentPositions(database.db);

    const thrown = writeTransaction(database.db, 'test', async (tx) => {
      await sayInSql(tx, {
        key: 'never-said',
        speaker: 'sam-senator',
        proposition: 'russia-is-an-ally',
        stance: 'OPPOSES',
        day: '2017-06-01',
      });
      throw new Error('the editor gave up');
    });
    await expect(thrown).rejects.toThrow('the editor gave up');
    // Refused at commit: a claim whose speakers are all taken away (claims_have_speakers).
    const refused = writeTransaction(database.db, 'test', (tx) => tx.execute(sql`DELETE FROM claim_speakers`));
    await expect(refused).rejects.toThrow();

    expect(await rowCounts(database.db)).toEqual(before);
    expect(await currentPositions(database.db)).toEqual(positionsBefore);
    expect(await staleCount(database.db)).toBe(0);
  });

  it('refuse to let a transaction that changed claims commit without rewriting its positions', async () => {
    const before = await rowCounts(database.db);
    const commit = database.db.transaction((tx) =>
      sayInSql(tx, {
        key: 'by-hand',
        speaker: 'rita-rep',
        proposition: 'nato-is-obsolete',
        stance: 'MIXED',
        day: '2017-02-01',
      }),
    );
    // What Postgres said, as the driver gives it or as drizzle wraps it.
    const refusal = await commit.then(
      () => 'committed',
      (error: Error) => (error.cause instanceof Error ? error.cause : error).message,
    );
    expect(refusal).toMatch(/^the positions of actor \d+ on proposition \d+ were made stale and not rewritten$/);
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await staleCount(database.db)).toBe(0);
  });

  it("are not recorded for a writer that says it keeps none, as the benchmark's peer does", async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('whosaid.positions', 'not kept', true)`);
      await sayInSql(tx, {
        key: 'by-the-peer',
        speaker: 'rita-rep',
        proposition: 'nato-is-obsolete',
        stance: 'MIXED',
        day: '2017-02-01',
      });
    });
    expect(await staleCount(database.db)).toBe(0);
    expect(await currentPositions(database.db)).toEqual([]);
  });

  it('are all rewritten, and no pair left stale, by a full refresh', async () => {
    await database.db.transaction(async (tx) => {
      await sayInSql(tx, {
        key: 'by-hand',
        speaker: 'sam-senator',
        proposition: 'russia-is-an-ally',
        stance: 'SUPPORTS',
        day: '2017-02-01',
      });
      expect(await staleCount(tx)).toBe(1);
      await refreshPositions(tx);
    });

    expect(await currentPositions(database.db)).toEqual([
      { actor: 'sam-senator', proposition: 'russia-is-an-ally', stance: 'SUPPORTS' },
    ]);
    expect(await staleCount(database.db)).toBe(0);
  });

  it('are right after twenty writers record claims on the same pair at once', async () => {
    // Twenty days of 2017 out of order, some of them twice; the latest, June 18th, opposes.
    const days = Array.from(
      { length: 20 },
      (_, i) => `2017-0${1 + ((i * 7) % 6)}-${String(10 + (i % 9)).padStart(2, '0')}`,
    );
    await Promise.all(
      days.map((day, i) =>
        importSourceBundle(database.db, {
          source: { url: `https://example.org/wire/${i}`, title: `Wire ${i} of ${day}`, kind: 'ARTICLE' },
          claims: [said(`wire-${i}`, 'sam-senator', 'russia-is-an-ally', i % 2 ? 'OPPOSES' : 'SUPPORTS', day)],
        }),
      ),
    );

    expect(await currentPositions(database.db)).toEqual([
      { actor: 'sam-senator', proposition: 'russia-is-an-ally', stance: 'OPPOSES' },
    ]);
    const { stored, derived } = await storedAndDerived(database.db);
    expect(stored).toEqual(derived);
    expect(stored).toHaveLength(days.length);
    expect(await staleCount(database.db)).toBe(0);
  });

  // PGlite has one connection: its transactions run one after the other, so only a server can interleave two.
  it.runIf(backend === 'postgres')(
    'are right when two writers on the same pair have both written their claims before either refreshes',
    async () => {
      let arrived = 0;
      let release!: () => void;
      const bothWritten = new Promise<void>((resolve) => (release = resolve));
      const meet = () => {
        arrived += 1;
        if (arrived === 2) release();
        return bothWritten;
      };
      await Promise.all(
        [
          { key: 'early', stance: 'SUPPORTS', day: '2017-01-10' },
          { key: 'late', stance: 'OPPOSES', day: '2017-06-01' },
        ].map((claim) =>
          writeTransaction(database.db, 'test', async (tx) => {
            await sayInSql(tx, { ...claim, speaker: 'sam-senator', proposition: 'russia-is-an-ally' });
            await meet();
          }),
        ),
      );

      expect(await currentPositions(database.db)).toEqual([
        { actor: 'sam-senator', proposition: 'russia-is-an-ally', stance: 'OPPOSES' },
      ]);
      const { stored, derived } = await storedAndDerived(database.db);
      expect(stored).toEqual(derived);
      expect(stored).toHaveLength(2);
      expect(await staleCount(database.db)).toBe(0);
    },
  );
});
