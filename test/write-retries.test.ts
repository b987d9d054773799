import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITE_ATTEMPTS, writeTransaction } from '../src/domain/writes/write-transaction.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';

/** A promise each of `parties` waits on until all have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

describe.runIf(backends.includes('postgres'))('a write that the database gives up for a deadlock (postgres)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await database.db.execute(
      sql`INSERT INTO propositions (slug, statement) VALUES ('first-row', 'First.'), ('second-row', 'Second.')`,
    );
  });
  afterAll(() => database.close());

  it('is run again, and both writers that deadlocked succeed, each once', async () => {
    const bothHoldOne = barrier(2);
    const attempts = { forwards: 0, backwards: 0 };
    const lockInOrder = (name: keyof typeof attempts, slugs: [string, string]) =>
      writeTransaction(database.db, name, async (tx) => {
        attempts[name] += 1;
        await tx.execute(sql`UPDATE propositions SET statement = statement || ${` ${name}`} WHERE slug = ${slugs[0]}`);
        if (attempts[name] === 1) await bothHoldOne();
        await tx.execute(sql`UPDATE propositions SET statement = statement || ${` ${name}`} WHERE slug = ${slugs[1]}`);
        return name;
      });

    const results = await Promise.all([
      lockInOrder('forwards', ['first-row', 'second-row']),
      lockInOrder('backwards', ['second-row', 'first-row']),
    ]);

    expect(results).toEqual(['forwards', 'backwards']);
    expect(attempts.forwards + attempts.backwards).toBe(3);
    const { rows } = (await database.db.execute(sql`SELECT slug, statement FROM propositions ORDER BY slug`)) as {
      rows: { slug: string; statement: string }[];
    };
    for (const row of rows) {
      expect(row.statement.split(' ').slice(1).sort()).toEqual(['backwards', 'forwards']);
    }
    const { rows: authors } = (await database.db.execute(
      sql`SELECT changed_by, count(*)::int AS n FROM revisions GROUP BY changed_by ORDER BY changed_by`,
    )) as { rows: { changed_by: string; n: number }[] };
    expect(authors).toEqual([
      { changed_by: 'backwards', n: 2 },
      { changed_by: 'forwards', n: 2 },
      { changed_by: 'system', n: 2 },
    ]);
  });

  it(`gives up after ${WRITE_ATTEMPTS} attempts, with the database's error, having written nothing`, async () => {
    const before = await rowCounts(database.db);
    let attempts = 0;
    const failing = writeTransaction(database.db, 'unlucky', async (tx) => {
      attempts += 1;
      await tx.execute(sql`UPDATE propositions SET statement = 'Changed.' WHERE slug = 'first-row'`);
      await tx.execute(
        sql`DO $$ BEGIN RAISE EXCEPTION 'serialization' USING ERRCODE = 'serialization_failure'; END $$`,
      );
    });
    await expect(failing).rejects.toMatchObject({ cause: { code: '40001' } });
    expect(attempts).toBe(WRITE_ATTEMPTS);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('is not run again for any other failure', async () => {
    let attempts = 0;
    const failing = writeTransaction(database.db, 'refused', async (tx) => {
      attempts += 1;
      await tx.execute(sql`INSERT INTO propositions (slug, statement) VALUES ('first-row', 'Again.')`);
    });
    await expect(failing).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(attempts).toBe(1);
  });
});
