import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { derivedPositions } from '../../src/db/positions.js';
import { writeTransaction } from '../../src/domain/writes/write-transaction.js';
import { type Backend, backends, openTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { data, graphqlClient } from '../../test/support/graphql.js';
import { rowCounts } from '../../test/support/row-counts.js';
import { archiveTables } from '../archive.js';
import { type LoadOptions, loadPglite, loadPostgres, PROLIFIC_ACTOR, SIZES, searchTerms } from '../generate.js';

const SMALL = { size: 'small', seed: 1 } as const;

async function load(backend: Backend, database: TestDatabase, options: LoadOptions): Promise<void> {
  if (backend === 'pglite') await loadPglite((database.db as unknown as { $client: PGlite }).$client, options);
  else await loadPostgres(database.url!, options);
}

async function rows<Row>(db: Database, query: string): Promise<Row[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Row[] }).rows;
}

/**
 * One hash of every row of every table the load writes, in a fixed order; but for the transaction a revision names,
 * which is another on every load.
 */
async function checksum(db: Database): Promise<string> {
  const tables = Object.keys(await rowCounts(db)).sort();
  const row = `(to_jsonb(t) - 'transaction_id')::text`;
  const hashes = await rows<{ hash: string }>(
    db,
    tables
      .map((table) => `SELECT md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row}), '')) AS hash FROM ${table} t`)
      .join(' UNION ALL '),
  );
  return hashes.map((row) => row.hash).join();
}

describe('the generated archive, whatever the database', () => {
  const copyText = (seed: number) => {
    const hash = createHash('sha256');
    for (const { rows } of archiveTables(SIZES.small, seed)) for (const line of rows) hash.update(line);
    return hash.digest('hex');
  };

  it('is the same for the same seed, and differs for another', () => {
    expect(copyText(1)).toBe(copyText(1));
    expect(copyText(2)).not.toBe(copyText(1));
  });
});

describe.each(backends)('the small benchmark archive on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await load(backend, database, SMALL);
  });
  afterAll(() => database.close());

  it('holds exactly the rows its size and seed give', async () => {
    expect(await rowCounts(database.db)).toEqual({
      actors: 20,
      actor_roles: 20,
      actor_identifiers: 0,
      sources: 250,
      source_authors: 246,
      source_identifiers: 0,
      propositions: 5,
      events: 100,
      event_participants: 254,
      event_identifiers: 0,
      claims: 1000,
      claim_speakers: 1030,
      claim_stances: 467,
      claim_events: 286,
      claim_reports: 1045,
      claim_translations: 0,
      claim_reviews: 0,
      claim_merges: 0,
      positions: 490,
      revisions: 4749,
      trusted_documents: 0,
    });
  });

  it('is loaded the same, row for row, every time (replacing what the database held)', async () => {
    const first = await checksum(database.db);
    await load(backend, database, { ...SMALL, replace: true });
    expect(await checksum(database.db)).toBe(first);
  });

  it('leaves the database as it was when a load fails half way', async () => {
    const indexes = `SELECT count(*)::int AS count FROM pg_indexes WHERE schemaname = 'public'`;
    const before = { rows: await checksum(database.db), indexes: await rows(database.db, indexes) };
    const failHalfWay = (step: string) => {
      if (step === 'copy claims') throw new Error('the connection broke');
    };
    await expect(load(backend, database, { ...SMALL, seed: 2, replace: true, onStep: failHalfWay })).rejects.toThrow(
      'the connection broke',
    );
    expect({ rows: await checksum(database.db), indexes: await rows(database.db, indexes) }).toEqual(before);
  });

  it('has a few prolific speakers, positions that shift, and dates of every precision', async () => {
    const [top] = await rows<{ slug: string; share: number }>(
      database.db,
      `SELECT a.slug, count(*)::float / (SELECT count(*) FROM claims) AS share
       FROM claim_speakers s JOIN actors a ON a.id = s.actor_id GROUP BY a.slug ORDER BY share DESC LIMIT 1`,
    );
    expect(top!.slug).toBe(PROLIFIC_ACTOR.slug);
    expect(top!.share).toBeGreaterThan(0.2);
    const shapes = await rows<Record<string, number>>(
      database.db,
      `SELECT
        (SELECT count(*)::int FROM positions WHERE changed) AS shifts,
        (SELECT count(DISTINCT said_precision)::int FROM claims) AS precisions,
        (SELECT count(*)::int FROM claims WHERE said_start IS NULL) AS undated,
        (SELECT count(*)::int FROM claims WHERE anonymity_reason IS NOT NULL) AS anonymous,
        (SELECT count(*)::int FROM claims WHERE via_id IS NOT NULL) AS via,
        (SELECT count(*)::int FROM claims WHERE retracted_at IS NOT NULL) AS retracted,
        (SELECT count(DISTINCT mode)::int FROM claims) AS modes`,
    );
    expect(shapes[0]).toEqual({
      shifts: expect.any(Number),
      precisions: 3,
      undated: expect.any(Number),
      anonymous: expect.any(Number),
      via: expect.any(Number),
      retracted: expect.any(Number),
      modes: 4,
    });
    for (const count of Object.values(shapes[0]!)) expect(count).toBeGreaterThan(0);
  });

  it('holds the search terms in every n-th claim', async () => {
    const counts = await rows<{ common: number; moderate: number; rare: number }>(
      database.db,
      `SELECT ${Object.entries(searchTerms)
        .filter(([name]) => name !== 'misspelledActor')
        .map(
          ([name, term]) =>
            `(SELECT count(*)::int FROM claims WHERE to_tsvector('english', text) @@ to_tsquery('english', '${term}')) AS ${name}`,
        )
        .join(', ')}`,
    );
    expect(counts[0]).toEqual({ common: 250, moderate: 10, rare: 1 });
  });

  it('answers through the API: the prolific actor by a misspelling, their claims, a search, the positions on a proposition', async () => {
    const graphql = graphqlClient(database.db);
    const found = await data<{ search: { edges: { node: { slug?: string } }[] } }>(
      graphql,
      `query ($q: String!) { search(query: $q, types: [ACTOR], first: 1) { edges { node { ... on Actor { slug } } } } }`,
      { q: searchTerms.misspelledActor },
    );
    expect(found.search.edges[0]?.node.slug).toBe(PROLIFIC_ACTOR.slug);
    const page = await data<{ actor: { name: string; claims: { totalCount: number; edges: unknown[] } } }>(
      graphql,
      `query ($slug: String!) { actor(slug: $slug) { name claims(first: 5) { totalCount edges { node { text } } } } }`,
      { slug: PROLIFIC_ACTOR.slug },
    );
    expect(page.actor.name).toBe(PROLIFIC_ACTOR.name);
    expect(page.actor.claims.edges).toHaveLength(5);
    expect(page.actor.claims.totalCount).toBeGreaterThan(200);
    const search = await data<{ search: { edges: { snippet: string }[] } }>(
      graphql,
      `query ($q: String!) { search(query: $q, types: [CLAIM], first: 20) { edges { snippet } } }`,
      { q: searchTerms.moderate },
    );
    expect(search.search.edges.length).toBeGreaterThan(5);
    expect(search.search.edges[0]!.snippet).toContain(`«${searchTerms.moderate}»`);
    const [popular] = await rows<{ slug: string; actors: number }>(
      database.db,
      `SELECT p.slug, count(DISTINCT pos.actor_id)::int AS actors FROM positions pos JOIN propositions p ON p.id = pos.proposition_id
       GROUP BY p.slug ORDER BY actors DESC, p.slug LIMIT 1`,
    );
    const positions = await data<{
      proposition: { positions: { stance: string; history: unknown[] }[]; shifts: unknown[] };
    }>(
      graphql,
      `query ($slug: String!) { proposition(slug: $slug) { positions { stance history { stance } } shifts { afterOn { start precision } } } }`,
      { slug: popular!.slug },
    );
    expect(positions.proposition.positions).toHaveLength(popular!.actors);
    expect(positions.proposition.positions.some(({ history }) => history.length > 1)).toBe(true);
    expect(positions.proposition.shifts.length).toBeGreaterThan(0);
  });

  it('gives each claim its report from its source and, where it first appeared elsewhere, its primary report from there, as the migration to reports does', async () => {
    const [reports] = await rows<Record<string, number>>(
      database.db,
      `SELECT
        (SELECT count(*)::int FROM claims c WHERE NOT EXISTS (SELECT FROM claim_reports r
          WHERE r.claim_id = c.id AND r.source_id = c.source_id)) AS "without their source's",
        (SELECT count(*)::int FROM claim_reports WHERE is_primary) AS primary,
        (SELECT count(*)::int FROM claim_reports r JOIN claims c ON c.id = r.claim_id
          WHERE r.is_primary AND r.source_id = c.source_id) AS "primary from their source",
        (SELECT count(*)::int FROM claim_reports r JOIN claims c ON c.id = r.claim_id JOIN sources s ON s.id = r.source_id
          WHERE (r.text, r.mode, r.published_start, r.published_precision, r.published_approximate, r.published_text,
            r.placed_start, r.placed_end, r.created_at)
          IS DISTINCT FROM (c.text, c.mode, s.published_start, s.published_precision, s.published_approximate,
            s.published_text, coalesce(s.published_start, c.placed_start), coalesce(s.published_end, c.placed_end),
            c.created_at)) AS "not as the claim and source say",
        (SELECT count(*)::int FROM claim_reports WHERE published_start IS NULL) AS undated,
        (SELECT count(*)::int FROM revisions WHERE table_name = 'claim_reports') AS revisions`,
    );
    expect(reports).toEqual({
      "without their source's": 0,
      primary: 45,
      'primary from their source': 0,
      'not as the claim and source say': 0,
      undated: expect.any(Number),
      revisions: 1045,
    });
    expect(reports!.undated).toBeGreaterThan(0);
  });

  it('leaves the identities past the loaded ids and the audit trail on, so that later writes go on from there', async () => {
    await database.db.execute(sql`INSERT INTO actors (slug, name, kind) VALUES ('a-newcomer', 'A Newcomer', 'PERSON')`);
    const [latest] = await rows<{ actor: number; entity: number; revision: number }>(
      database.db,
      `SELECT a.id AS actor, r.entity_id AS entity, r.id::int AS revision FROM actors a, revisions r
       WHERE a.slug = 'a-newcomer' ORDER BY r.id DESC LIMIT 1`,
    );
    expect(latest).toEqual({ actor: 21, entity: 21, revision: 4750 });
    const [report] = await rows<{ id: number }>(
      database.db,
      `INSERT INTO claim_reports (claim_id, source_id, text, mode, placed_start, placed_end)
       SELECT id, 2, text, mode, placed_start, placed_end FROM claims WHERE id = 1 RETURNING id`,
    );
    expect(report).toEqual({ id: 1046 });
  });

  it('leaves no stale pair behind, and the triggers that record them on, so that later writes keep positions true', async () => {
    const stale = 'SELECT count(*)::int AS count FROM stale_positions';
    expect(await rows(database.db, stale)).toEqual([{ count: 0 }]);
    const [claim] = await rows<{ id: number }>(database.db, 'SELECT min(claim_id) AS id FROM claim_stances');
    await writeTransaction(database.db, 'test', (tx) =>
      tx.execute(sql`UPDATE claim_stances SET stance = CASE stance WHEN 'SUPPORTS' THEN 'OPPOSES'::stance
        ELSE 'SUPPORTS'::stance END WHERE claim_id = ${claim!.id}`),
    );
    const columns = sql.raw(
      'actor_id, proposition_id, evidence_claim_id, stance, since_claim_id, changed, placed_start::text, placed_end::text',
    );
    const rowsOf = async (query: SQL) => ((await database.db.execute(query)) as unknown as { rows: unknown[] }).rows;
    expect(await rowsOf(sql`SELECT ${columns} FROM positions ORDER BY 1, 2, 3`)).toEqual(
      await rowsOf(sql`SELECT ${columns} FROM (${derivedPositions()}) AS d ORDER BY 1, 2, 3`),
    );
    expect(await rows(database.db, stale)).toEqual([{ count: 0 }]);
  });

  it('refuses to load over recorded data', async () => {
    await expect(load(backend, database, SMALL)).rejects.toThrow(/already holds recorded data/);
  });
});
