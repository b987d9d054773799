import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { derivedPositions } from '../src/db/positions.js';
import { backends } from './support/databases.js';
import { data, graphqlClient } from './support/graphql.js';
import { databaseMigratedTo, type MigratedDatabase } from './support/migrated-database.js';

// The schema of main before claims had reports: its last migration.
const BEFORE_REPORTS = '20261201163129_stale_positions_refused_at_commit';

/**
 * A small archive in the shape before reports, as main's import wrote it: claims with the source that reported them
 * and, for some, the one they first appeared in (once the same source), speakers, stances, an event, a retraction and
 * an anonymous claim; the revisions the triggers write, and the positions as main's refreshPositions rewrote them (in
 * the same transaction, or the deferred check of stale positions refuses the commit).
 */
const OLD_ARCHIVE = `
  SELECT set_config('whosaid.changed_by', 'archivist', true);
  INSERT INTO actors (slug, name, kind) VALUES
    ('ann-speaker', 'Ann Speaker', 'PERSON'), ('bob-speaker', 'Bob Speaker', 'PERSON');
  INSERT INTO sources (url, title, kind, published_start, published_precision, published_approximate) VALUES
    ('https://news.example/2017/05/budget', 'The budget', 'ARTICLE', '2017-05-16', 'DAY', false),
    ('https://news.example/2017/02/interview', 'An interview', 'INTERVIEW', '2017-02-01', 'MONTH', false);
  INSERT INTO sources (url, title, kind) VALUES ('https://social.example/undated-post', 'A post', 'SOCIAL_POST');
  INSERT INTO propositions (slug, statement) VALUES ('taxes-should-rise', 'Taxes should rise');
  INSERT INTO events (slug, title, occurred_start, occurred_precision, occurred_approximate)
    VALUES ('budget-hearing', 'Budget hearing', '2017-05-10', 'DAY', false);
  INSERT INTO claims (key, text, mode, medium, source_id, first_appeared_in_id, said_start, said_precision,
      said_approximate, said_text, placed_start, placed_end, speaker_description, anonymity_reason) VALUES
    ('plain', 'Taxes must rise.', 'DIRECT_QUOTE', 'TESTIMONY', 1, NULL, '2017-05-15', 'DAY', false, NULL,
      '2017-05-15', '2017-05-15', NULL, NULL),
    ('first-elsewhere', 'Argued that taxes should not rise.', 'PARAPHRASE', 'INTERVIEW', 1, 2, NULL, NULL, NULL, NULL,
      '2017-02-01', '2017-02-28', NULL, NULL),
    ('first-here', 'We will see.', 'DIRECT_QUOTE', 'SOCIAL_POST', 3, 3, '2017-06-01', 'DAY', false, NULL,
      '2017-06-01', '2017-06-01', NULL, NULL),
    ('retracted', 'Taxes are theft.', 'DIRECT_QUOTE', 'INTERVIEW', 2, NULL, NULL, NULL, NULL, NULL,
      '2017-02-01', '2017-02-28', NULL, NULL),
    ('anonymous', 'Nobody will pay.', 'DIRECT_QUOTE', 'OTHER', 3, NULL, '2016-01-01', 'YEAR', true, 'some time in 2016',
      '2016-01-01', '2016-12-31', 'a senior official', 'not authorised to speak');
  INSERT INTO claim_speakers (claim_id, actor_id, position, placed_start, placed_end) VALUES
    (1, 1, 0, '2017-05-15', '2017-05-15'), (2, 2, 0, '2017-02-01', '2017-02-28'),
    (3, 1, 0, '2017-06-01', '2017-06-01'), (4, 2, 0, '2017-02-01', '2017-02-28');
  INSERT INTO claim_stances (claim_id, proposition_id, stance) VALUES
    (1, 1, 'SUPPORTS'), (2, 1, 'OPPOSES'), (3, 1, 'MIXED'), (4, 1, 'SUPPORTS');
  INSERT INTO claim_events (claim_id, event_id) VALUES (1, 1);
  UPDATE claims SET retracted_at = '2017-03-01T12:00:00Z', retraction_reason = 'misquoted' WHERE key = 'retracted';
  LOCK TABLE positions IN EXCLUSIVE MODE;
  DELETE FROM positions;
  DELETE FROM stale_positions;
  INSERT INTO positions (actor_id, proposition_id, sequence, stance, evidence_claim_id, since_claim_id,
    previous_stance, changed, previous_claim_id, placed_start, next_placed_start)
  WITH stated AS (
    SELECT s.actor_id, st.proposition_id, st.stance, c.id AS claim_id, c.placed_start,
      row_number() OVER w AS sequence, lag(st.stance) OVER w AS previous_stance, lag(c.id) OVER w AS previous_claim_id,
      lead(c.placed_start) OVER w AS next_placed_start
    FROM claim_speakers s JOIN claims c ON c.id = s.claim_id JOIN claim_stances st ON st.claim_id = c.id
    WHERE c.retracted_at IS NULL
    WINDOW w AS (PARTITION BY s.actor_id, st.proposition_id ORDER BY c.placed_start, c.placed_end, c.id)
  ), runs AS (
    SELECT *, sum((previous_stance IS DISTINCT FROM stance)::int)
      OVER (PARTITION BY actor_id, proposition_id ORDER BY sequence) AS run
    FROM stated
  )
  SELECT actor_id, proposition_id, sequence, stance, claim_id,
    first_value(claim_id) OVER (PARTITION BY actor_id, proposition_id, run ORDER BY sequence),
    previous_stance, coalesce(previous_stance <> stance, false), previous_claim_id, placed_start, next_placed_start
  FROM runs;`;

const CLAIMS = `SELECT c.key, c.text, c.placed_start::text AS placed_start, c.placed_end::text AS placed_end,
    c.retracted_at IS NOT NULL AS retracted,
    (SELECT coalesce(json_agg(st.stance ORDER BY st.proposition_id), '[]') FROM claim_stances st WHERE st.claim_id = c.id) AS stances
  FROM claims c ORDER BY c.id`;
const REPORTS = `SELECT c.key, s.url, r.is_primary AS primary, r.text, r.mode, r.published_start::text AS published_start,
    r.published_precision, r.published_approximate, r.placed_start::text AS placed_start, r.placed_end::text AS placed_end
  FROM claim_reports r JOIN claims c ON c.id = r.claim_id JOIN sources s ON s.id = r.source_id ORDER BY c.id, s.id`;
const REVISIONS = `SELECT id::int, entity_type, entity_id, table_name, action, changed_by, changed_at::text, before::text, after::text
  FROM revisions ORDER BY id`;
const POSITIONS = `SELECT actor_id, proposition_id, stance::text, evidence_claim_id, since_claim_id, changed,
    placed_start::text, next_placed_start::text FROM positions ORDER BY actor_id, proposition_id, placed_start, evidence_claim_id`;

describe.each(backends)('a database of the shape before reports, migrated, on %s', (backend) => {
  let database: MigratedDatabase;
  let db: Database;
  const before: Record<'revisions' | 'positions', Record<string, unknown>[]> = { revisions: [], positions: [] };

  beforeAll(async () => {
    database = await databaseMigratedTo(backend, BEFORE_REPORTS);
    await database.exec(OLD_ARCHIVE);
    before.revisions = await database.rows(REVISIONS);
    before.positions = await database.rows(POSITIONS);
    db = await database.migrateToLatest();
  }, 60_000);

  afterAll(() => database?.close());

  it('keeps every claim, its words, where it is placed and its stances', async () => {
    expect(await database.rows(CLAIMS)).toEqual([
      {
        key: 'plain',
        text: 'Taxes must rise.',
        placed_start: '2017-05-15',
        placed_end: '2017-05-15',
        retracted: false,
        stances: ['SUPPORTS'],
      },
      {
        key: 'first-elsewhere',
        text: 'Argued that taxes should not rise.',
        placed_start: '2017-02-01',
        placed_end: '2017-02-28',
        retracted: false,
        stances: ['OPPOSES'],
      },
      {
        key: 'first-here',
        text: 'We will see.',
        placed_start: '2017-06-01',
        placed_end: '2017-06-01',
        retracted: false,
        stances: ['MIXED'],
      },
      {
        key: 'retracted',
        text: 'Taxes are theft.',
        placed_start: '2017-02-01',
        placed_end: '2017-02-28',
        retracted: true,
        stances: ['SUPPORTS'],
      },
      {
        key: 'anonymous',
        text: 'Nobody will pay.',
        placed_start: '2016-01-01',
        placed_end: '2016-12-31',
        retracted: false,
        stances: [],
      },
    ]);
  });

  it("makes each claim's source its report and the document it first appeared in its primary report, with the claim's words, published when the source was", async () => {
    const report = (key: string, url: string, primary: boolean, text: string, mode: string) => ({
      key,
      url,
      primary,
      text,
      mode,
    });
    const may16 = {
      published_start: '2017-05-16',
      published_precision: 'DAY',
      published_approximate: false,
      placed_start: '2017-05-16',
      placed_end: '2017-05-16',
    };
    const february = {
      published_start: '2017-02-01',
      published_precision: 'MONTH',
      published_approximate: false,
      placed_start: '2017-02-01',
      placed_end: '2017-02-28',
    };
    const undated = { published_start: null, published_precision: null, published_approximate: null };
    expect(await database.rows(REPORTS)).toEqual([
      {
        ...report('plain', 'https://news.example/2017/05/budget', false, 'Taxes must rise.', 'DIRECT_QUOTE'),
        ...may16,
      },
      {
        ...report(
          'first-elsewhere',
          'https://news.example/2017/05/budget',
          false,
          'Argued that taxes should not rise.',
          'PARAPHRASE',
        ),
        ...may16,
      },
      {
        ...report(
          'first-elsewhere',
          'https://news.example/2017/02/interview',
          true,
          'Argued that taxes should not rise.',
          'PARAPHRASE',
        ),
        ...february,
      },
      // An undated source's report is placed where the claim is.
      {
        ...report('first-here', 'https://social.example/undated-post', true, 'We will see.', 'DIRECT_QUOTE'),
        ...undated,
        placed_start: '2017-06-01',
        placed_end: '2017-06-01',
      },
      {
        ...report('retracted', 'https://news.example/2017/02/interview', false, 'Taxes are theft.', 'DIRECT_QUOTE'),
        ...february,
      },
      {
        ...report('anonymous', 'https://social.example/undated-post', false, 'Nobody will pay.', 'DIRECT_QUOTE'),
        ...undated,
        placed_start: '2016-01-01',
        placed_end: '2016-12-31',
      },
    ]);
  });

  it('keeps the audit trail as it was, writing no revision of its own, and the positions', async () => {
    const revisions = await database.rows(REVISIONS);
    expect(revisions).toEqual(before.revisions);
    expect(revisions.map(({ table_name, action, changed_by }) => `${table_name} ${action} ${changed_by}`)).toEqual([
      'actors INSERT archivist',
      'actors INSERT archivist',
      'sources INSERT archivist',
      'sources INSERT archivist',
      'sources INSERT archivist',
      'propositions INSERT archivist',
      'events INSERT archivist',
      'claims INSERT archivist',
      'claims INSERT archivist',
      'claims INSERT archivist',
      'claims INSERT archivist',
      'claims INSERT archivist',
      'claim_speakers INSERT archivist',
      'claim_speakers INSERT archivist',
      'claim_speakers INSERT archivist',
      'claim_speakers INSERT archivist',
      'claim_stances INSERT archivist',
      'claim_stances INSERT archivist',
      'claim_stances INSERT archivist',
      'claim_stances INSERT archivist',
      'claim_events INSERT archivist',
      'claims UPDATE archivist',
    ]);
    const positions = await database.rows(POSITIONS);
    expect(positions).toEqual(before.positions);
    expect(positions).toEqual([
      {
        actor_id: 1,
        proposition_id: 1,
        stance: 'SUPPORTS',
        evidence_claim_id: 1,
        since_claim_id: 1,
        changed: false,
        placed_start: '2017-05-15',
        next_placed_start: '2017-06-01',
      },
      {
        actor_id: 1,
        proposition_id: 1,
        stance: 'MIXED',
        evidence_claim_id: 3,
        since_claim_id: 3,
        changed: true,
        placed_start: '2017-06-01',
        next_placed_start: null,
      },
      {
        actor_id: 2,
        proposition_id: 1,
        stance: 'OPPOSES',
        evidence_claim_id: 2,
        since_claim_id: 2,
        changed: false,
        placed_start: '2017-02-01',
        next_placed_start: null,
      },
    ]);
    // Each row has its claim's full place in time, which a write walks the pair's history by.
    expect(
      await database.rows(`SELECT p.evidence_claim_id, p.placed_end::text FROM positions p
        JOIN claims c ON c.id = p.evidence_claim_id AND c.placed_end = p.placed_end ORDER BY 1`),
    ).toEqual([
      { evidence_claim_id: 1, placed_end: '2017-05-15' },
      { evidence_claim_id: 2, placed_end: '2017-02-28' },
      { evidence_claim_id: 3, placed_end: '2017-06-01' },
    ]);
  });

  it('puts the old revisions in the change feed as one commit, in the order they were made', async () => {
    const feed = await data<{
      changes: { edges: { node: { sequence: string; commit: { sequence: string; committedAt: string } } }[] };
    }>(graphqlClient(db), `{ changes(first: 100) { edges { node { sequence commit { sequence committedAt } } } } }`);
    const nodes = feed.changes.edges.map((edge) => edge.node);
    expect(nodes.map((node) => Number(node.sequence))).toEqual(before.revisions.map((revision) => revision.id));
    const latest = before.revisions.map((revision) => new Date(String(revision.changed_at)).getTime());
    expect(new Set(nodes.map((node) => JSON.stringify(node.commit)))).toEqual(
      new Set([JSON.stringify({ sequence: '1', committedAt: new Date(Math.max(...latest)).toISOString() })]),
    );
  });

  it('gives each position the place in time of its since claim, as a derivation from the claims does', async () => {
    const sinceOf = sql.raw(
      'SELECT actor_id, evidence_claim_id, since_claim_id, since_placed_start::text AS since_placed_start FROM',
    );
    const rowsOf = async (from: SQL) =>
      ((await db.execute(sql`${sinceOf} ${from} ORDER BY 1, 2`)) as unknown as { rows: unknown[] }).rows;
    const stored = await rowsOf(sql`positions`);
    expect(stored).toEqual([
      { actor_id: 1, evidence_claim_id: 1, since_claim_id: 1, since_placed_start: '2017-05-15' },
      { actor_id: 1, evidence_claim_id: 3, since_claim_id: 3, since_placed_start: '2017-06-01' },
      { actor_id: 2, evidence_claim_id: 2, since_claim_id: 2, since_placed_start: '2017-02-01' },
    ]);
    expect(stored).toEqual(await rowsOf(sql`(${derivedPositions()}) AS d`));
  });

  it("answers through the API with each claim's recording source, first appearance and reports", async () => {
    const answer = await data<{ claims: { edges: { node: unknown }[] } }>(
      graphqlClient(db),
      `{ claims(first: 10, includeRetracted: true) { edges { node { key
        reportedIn { source { url } } firstAppearedIn { url } reports { edges { node { primary source { url } } } } } } } }`,
    );
    const budget = 'https://news.example/2017/05/budget';
    const interview = 'https://news.example/2017/02/interview';
    const post = 'https://social.example/undated-post';
    const reports = (...reports: [boolean, string][]) => ({
      edges: reports.map(([primary, url]) => ({ node: { primary, source: { url } } })),
    });
    expect(answer.claims.edges.map((edge) => edge.node)).toEqual([
      {
        key: 'first-here',
        reportedIn: { source: { url: post } },
        firstAppearedIn: { url: post },
        reports: reports([true, post]),
      },
      {
        key: 'plain',
        reportedIn: { source: { url: budget } },
        firstAppearedIn: null,
        reports: reports([false, budget]),
      },
      {
        key: 'retracted',
        reportedIn: { source: { url: interview } },
        firstAppearedIn: null,
        reports: reports([false, interview]),
      },
      {
        key: 'first-elsewhere',
        reportedIn: { source: { url: budget } },
        firstAppearedIn: { url: interview },
        reports: reports([true, interview], [false, budget]),
      },
      {
        key: 'anonymous',
        reportedIn: { source: { url: post } },
        firstAppearedIn: null,
        reports: reports([false, post]),
      },
    ]);
  });
});
