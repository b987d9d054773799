import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { backends } from './support/databases.js';
import { data, graphqlClient } from './support/graphql.js';
import { databaseMigratedTo, type MigratedDatabase } from './support/migrated-database.js';

// The schema before events needed a start for their end: its last migration.
const BEFORE_END_NEEDS_START = '20261202005802_idempotency_claims';

/**
 * Three events as that schema let them be: one with a start and an end, one undated, and one that updateEvent gave
 * an end while it had no start.
 */
const OLD_EVENTS = `
  SELECT set_config('whosaid.changed_by', 'archivist', true);
  INSERT INTO events (slug, title, occurred_start, occurred_precision, occurred_approximate, ended_start,
      ended_precision, ended_approximate, ended_text) VALUES
    ('geneva-talks', 'Talks in Geneva', '2017-03-01', 'DAY', false, '2017-03-05', 'DAY', false, NULL),
    ('undated-meeting', 'A meeting', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('aleppo-ceasefire', 'A ceasefire in Aleppo', NULL, NULL, NULL, '2017-02-01', 'MONTH', true, 'by late February');`;

const EVENTS = `SELECT slug, occurred_start::text, occurred_precision::text, occurred_approximate, occurred_text,
    ended_start::text, ended_precision::text, ended_approximate, ended_text, version
  FROM events ORDER BY id`;
const REVISIONS = `SELECT e.slug, r.action, r.changed_by, r.before ->> 'ended_start' AS ended_before,
    r.after ->> 'occurred_start' AS occurred_after
  FROM revisions r JOIN events e ON e.id = r.entity_id WHERE r.entity_type = 'Event' ORDER BY r.id`;

describe.each(backends)('events of the schema before an end needed a start, migrated, on %s', (backend) => {
  let database: MigratedDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await databaseMigratedTo(backend, BEFORE_END_NEEDS_START);
    await database.exec(OLD_EVENTS);
    db = await database.migrateToLatest();
  }, 60_000);
  afterAll(() => database?.close());

  it('date an event that had only an end by that end, and leave the others as they were', async () => {
    expect(await database.rows(EVENTS)).toEqual([
      {
        slug: 'geneva-talks',
        occurred_start: '2017-03-01',
        occurred_precision: 'DAY',
        occurred_approximate: false,
        occurred_text: null,
        ended_start: '2017-03-05',
        ended_precision: 'DAY',
        ended_approximate: false,
        ended_text: null,
        version: 1,
      },
      {
        slug: 'undated-meeting',
        occurred_start: null,
        occurred_precision: null,
        occurred_approximate: null,
        occurred_text: null,
        ended_start: null,
        ended_precision: null,
        ended_approximate: null,
        ended_text: null,
        version: 1,
      },
      {
        slug: 'aleppo-ceasefire',
        occurred_start: '2017-02-01',
        occurred_precision: 'MONTH',
        occurred_approximate: true,
        occurred_text: 'by late February',
        ended_start: null,
        ended_precision: null,
        ended_approximate: null,
        ended_text: null,
        version: 2,
      },
    ]);
  });

  it('record the move in the audit trail, by the migration, with the end it had', async () => {
    expect(await database.rows(REVISIONS)).toEqual([
      {
        slug: 'geneva-talks',
        action: 'INSERT',
        changed_by: 'archivist',
        ended_before: null,
        occurred_after: '2017-03-01',
      },
      { slug: 'undated-meeting', action: 'INSERT', changed_by: 'archivist', ended_before: null, occurred_after: null },
      { slug: 'aleppo-ceasefire', action: 'INSERT', changed_by: 'archivist', ended_before: null, occurred_after: null },
      {
        slug: 'aleppo-ceasefire',
        action: 'UPDATE',
        changed_by: 'migration events_lone_end_to_start',
        ended_before: '2017-02-01',
        occurred_after: '2017-02-01',
      },
    ]);
  });

  it('refuse an end without a start from then on', async () => {
    await expect(
      database.exec(`UPDATE events SET ended_start = '2017-06-01', ended_precision = 'DAY', ended_approximate = false
        WHERE slug = 'undated-meeting'`),
    ).rejects.toThrow(/events_end_needs_start/);
  });

  it('answer the moved event through the API', async () => {
    expect(
      await data(
        graphqlClient(db),
        `{ event(slug: "aleppo-ceasefire") { occurredOn { value approximate text } endedOn { value } version } }`,
      ),
    ).toEqual({
      event: {
        occurredOn: { value: '2017-02', approximate: true, text: 'by late February' },
        endedOn: null,
        version: 2,
      },
    });
  });
});
