import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_PER_CONNECTION, PreparingClient } from '../src/db/postgres-client.js';
import { createThrowawayDatabase } from './support/databases.js';

// Every statement with parameters that whosaid sends to a Postgres server is prepared by a name taken from its text,
// once per connection, so that the server parses and plans it once; past PREPARED_PER_CONNECTION statements a
// connection prepares no more. A statement without parameters goes by the simple protocol, as it would unprepared.
describe.runIf(process.env.DATABASE_URL)('statements sent to a Postgres server', () => {
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let client: PreparingClient;
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase();
    client = new PreparingClient({ connectionString: throwaway.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await throwaway?.drop();
  });

  const prepared = async () =>
    (await client.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements'))
      .rows;

  it('are prepared once by the same name, and answered alike every time', async () => {
    const answers = [];
    for (const n of [1, 2, 3]) answers.push((await client.query('SELECT $1::int * 2 AS doubled', [n])).rows);

    expect(answers).toEqual([[{ doubled: 2 }], [{ doubled: 4 }], [{ doubled: 6 }]]);
    expect(await prepared()).toEqual([
      { name: expect.stringMatching(/^whosaid_[\w-]{8}_[\w-]{27}$/), statement: 'SELECT $1::int * 2 AS doubled' },
    ]);
  });

  it('without parameters are not prepared, and may hold several commands', async () => {
    await client.query('CREATE TEMPORARY TABLE notes (n int); INSERT INTO notes VALUES (1), (2)');
    expect((await client.query('SELECT sum(n)::int AS total FROM notes')).rows).toEqual([{ total: 3 }]);
    expect(await prepared()).toHaveLength(1);
  });

  it('stop being prepared on a connection that has prepared as many as it keeps, and still run', async () => {
    for (let i = 0; i < PREPARED_PER_CONNECTION + 5; i += 1) {
      expect((await client.query(`SELECT ${i} + $1::int AS n`, [0])).rows).toEqual([{ n: i }]);
    }
    expect(await prepared()).toHaveLength(PREPARED_PER_CONNECTION);
  });
});
