import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_PER_CONNECTION, PreparingClient } from '../src/db/postgres-client.js';
import { createThrowawayDatabase } from './support/databases.js';

// Every statement whosaid sends to a Postgres server is prepared by a name taken from its text, once per connection,
// so that the server parses and plans it once; past PREPARED_PER_CONNECTION statements a connection prepares no more.
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
    (
      await client.query<{ name: string; statement: string }>(
        `SELECT name, statement FROM pg_prepared_statements ORDER BY prepare_time, name`,
      )
    ).rows;

  it('are prepared once by the same name, and answered alike every time', async () => {
    const answers = [];
    for (const n of [1, 2, 3]) answers.push((await client.query('SELECT $1::int * 2 AS doubled', [n])).rows);

    expect(answers).toEqual([[{ doubled: 2 }], [{ doubled: 4 }], [{ doubled: 6 }]]);
    const [first, ...rest] = await prepared();
    expect(first).toEqual({
      name: expect.stringMatching(/^whosaid_[\w-]{27}$/),
      statement: 'SELECT $1::int * 2 AS doubled',
    });
    // The check itself is a statement of its own, prepared too.
    expect(rest.map((statement) => statement.statement)).toEqual([
      'SELECT name, statement FROM pg_prepared_statements ORDER BY prepare_time, name',
    ]);
  });

  it('stop being prepared on a connection that has prepared as many as it keeps, and still run', async () => {
    const before = (await prepared()).length;
    for (let i = 0; i < PREPARED_PER_CONNECTION; i += 1) {
      expect((await client.query(`SELECT ${i} AS n`)).rows).toEqual([{ n: i }]);
    }
    expect(await prepared()).toHaveLength(PREPARED_PER_CONNECTION);
    expect(before).toBe(2);
  });
});
