import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { mergeClaims } from '../src/domain/writes/merge-claims.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';

const rows = async <Row>(db: Database, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

const speaker = { slug: 'mayor', name: 'The Mayor', kind: 'PERSON' };

/** An outlet's bundle of one statement by the mayor, in its own words, under the key the newsrooms share. */
function outletBundle(outlet: string, words: string) {
  return {
    source: {
      url: `https://${outlet}.example/mayor`,
      title: `The mayor, as ${outlet} reports it`,
      kind: 'ARTICLE',
      publishedOn: { value: '2017-05-16' },
    },
    actors: [speaker],
    claims: [{ key: 'mayor-on-the-budget', text: words, mode: 'PARAPHRASE', medium: 'SPEECH', speakers: ['mayor'] }],
  };
}

describe.runIf(backends.includes('postgres'))('imports that run at the same moment as other writes (postgres)', () => {
  let database: TestDatabase;
  const connections: pg.Client[] = [];

  beforeEach(async () => {
    await database?.close();
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(connections.map((client) => client.end()));
    await database.close();
  });

  /** Resolves once `count` other sessions of the test database are waiting for a lock. */
  async function waitingForLocks(count: number): Promise<void> {
    const watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    try {
      for (;;) {
        const { rows: waiting } = await watcher.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (waiting[0].n >= count) return;
        await sleep(5);
      }
    } finally {
      await watcher.end();
    }
  }

  it('records one claim when several outlets import the same new statement at once, and a report from each', async () => {
    const outlets = ['daily', 'herald', 'courier', 'gazette', 'tribune', 'ledger'];
    const answers = await Promise.all(
      outlets.map((outlet) =>
        importSourceBundle(database.db, outletBundle(outlet, `${outlet}: the budget will balance`)),
      ),
    );

    expect(answers.map((answer) => answer.reports.created)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(answers.reduce((sum, answer) => sum + answer.claims.created, 0)).toBe(1);
    const claims = await rows<{ text: string; recorded_by: string; reports: number; updates: number }>(
      database.db,
      sql`SELECT c.text, s.url AS recorded_by,
            (SELECT count(*)::int FROM claim_reports r WHERE r.claim_id = c.id) AS reports,
            (SELECT count(*)::int FROM revisions v WHERE v.table_name = 'claims' AND v.entity_id = c.id
               AND v.action = 'UPDATE' AND v.before->>'text' IS DISTINCT FROM v.after->>'text') AS updates
          FROM claims c JOIN sources s ON s.id = c.source_id`,
    );
    expect(claims).toHaveLength(1);
    const recorder = new URL(claims[0]!.recorded_by).hostname.split('.')[0]!;
    expect(claims[0]).toEqual({
      text: `${recorder}: the budget will balance`,
      recorded_by: `https://${recorder}.example/mayor`,
      reports: 6,
      updates: 0,
    });
  });

  it('reports the kept claim when the claim it names is merged away while it runs', async () => {
    await importSourceBundle(database.db, {
      ...outletBundle('daily', 'The budget will balance.'),
      claims: [
        { key: 'kept', text: 'The budget will balance.', mode: 'DIRECT_QUOTE', medium: 'SPEECH', speakers: ['mayor'] },
        { key: 'merged', text: 'The budget balances.', mode: 'DIRECT_QUOTE', medium: 'SPEECH', speakers: ['mayor'] },
      ],
    });
    const ids = new Map(
      (await rows<{ key: string; id: number }>(database.db, sql`SELECT key, id FROM claims`)).map((row) => [
        row.key,
        row.id,
      ]),
    );

    // A third session holds the claim about to be merged, so that the merge waits for it first and the import,
    // which has found the claim by then, waits behind the merge.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    connections.push(holder);
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM claims WHERE id = $1 FOR UPDATE', [ids.get('merged')]);

    const merger = await openPostgresDatabase(database.url!);
    const merged = mergeClaims(
      merger.db,
      { keep: ids.get('kept')!, merge: ids.get('merged')!, expectedVersions: { keep: 1, merge: 1 } },
      'desk',
    );
    await waitingForLocks(1);
    const reported = importSourceBundle(database.db, {
      source: {
        url: 'https://herald.example/mayor',
        title: 'The herald',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-05-17' },
      },
      actors: [speaker],
      claims: [
        { key: 'merged', text: 'The budget balances.', mode: 'DIRECT_QUOTE', medium: 'SPEECH', speakers: ['mayor'] },
      ],
    });
    await waitingForLocks(2);
    await holder.query('COMMIT');

    expect(await merged).toBe(ids.get('kept'));
    const answer = await reported;
    await merger.close();
    expect({ claims: answer.claims, reports: answer.reports }).toEqual({
      claims: { created: 0, updated: 0, unchanged: 0 },
      reports: { created: 1, updated: 0, unchanged: 0 },
    });
    expect(
      await rows(
        database.db,
        sql`SELECT c.key, s.url FROM claim_reports r JOIN claims c ON c.id = r.claim_id
              JOIN sources s ON s.id = r.source_id ORDER BY s.url`,
      ),
    ).toEqual([
      { key: 'kept', url: 'https://daily.example/mayor' },
      { key: 'kept', url: 'https://herald.example/mayor' },
    ]);
  });
});
