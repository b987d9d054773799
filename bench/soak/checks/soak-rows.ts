import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/db/database.js';
import type { Row } from '../feed.js';
import type { SoakWorld } from '../world.js';

/** One revision a soak writer's transaction wrote. */
export interface Revision {
  id: number;
  by: string;
  /** changed_at, the transaction's start: the same for every revision of one transaction. */
  at: string;
  table: string;
  action: 'INSERT' | 'UPDATE' | 'DELETE';
  before: Row | null;
  after: Row | null;
}

/** The revisions of one transaction of one writer, in order. */
export interface RevisionGroup {
  writer: string;
  revisions: Revision[];
}

export interface StoredClaim {
  id: number;
  key: string;
  text: string;
  sourceUrl: string;
  saidStart: string | null;
  saidEnd: string | null;
  placedStart: string;
  placedEnd: string;
  version: number;
  retractionReason: string | null;
  speakers: string[];
  /** Stance by proposition slug. */
  stances: Map<string, string>;
  /** The text of each source's report, by the source's url. */
  reports: Map<string, string>;
}

/** What the checks read of the database for one run: its claims as stored, the merges, the ids of its names. */
export interface SoakRows {
  claims: Map<number, StoredClaim>;
  claimsByKey: Map<string, StoredClaim>;
  /** merged_key → kept claim id, and merged claim id → kept claim id. */
  mergedKeys: Map<string, number>;
  mergedIds: Map<number, number>;
  sourceIds: Map<string, number>;
  actorIds: Map<string, number>;
  propositionIds: Map<string, number>;
  /** Every claim text and retraction reason stored, of any claim: what refused writes must not have left. */
  texts: Set<string>;
  reasons: Set<string>;
  /** Revisions by the writers, grouped by transaction, in order. */
  groups: RevisionGroup[];
  /** Revisions since the run's setup by anyone but its writers and its setup key, counted by author. */
  strangers: Map<string, number>;
}

type Rows<T> = { rows: T[] };

export async function readSoakRows(
  db: Database,
  world: SoakWorld,
  writers: readonly string[],
  setupName: string,
): Promise<SoakRows> {
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;
  const like = `${world.run}-%`;
  const claimRows = await rows<{
    id: number;
    key: string;
    text: string;
    source_url: string;
    said_start: string | null;
    said_end: string | null;
    placed_start: string;
    placed_end: string;
    version: number;
    retraction_reason: string | null;
    speakers: string[];
    stances: [string, string][];
    reports: [string, string][];
  }>(sql`
    SELECT c.id, c.key, c.text, s.url AS source_url, c.said_start::text, c.said_end::text, c.placed_start::text,
      c.placed_end::text, c.version, c.retraction_reason,
      coalesce((SELECT jsonb_agg(a.slug ORDER BY cs.position) FROM claim_speakers cs JOIN actors a ON a.id = cs.actor_id
        WHERE cs.claim_id = c.id), '[]') AS speakers,
      coalesce((SELECT jsonb_agg(jsonb_build_array(p.slug, st.stance)) FROM claim_stances st
        JOIN propositions p ON p.id = st.proposition_id WHERE st.claim_id = c.id), '[]') AS stances,
      coalesce((SELECT jsonb_agg(jsonb_build_array(rs.url, r.text)) FROM claim_reports r
        JOIN sources rs ON rs.id = r.source_id WHERE r.claim_id = c.id), '[]') AS reports
    FROM claims c JOIN sources s ON s.id = c.source_id
    WHERE c.key LIKE ${like}`);
  const claims = new Map<number, StoredClaim>(
    claimRows.map((row) => [
      row.id,
      {
        id: row.id,
        key: row.key,
        text: row.text,
        sourceUrl: row.source_url,
        saidStart: row.said_start,
        saidEnd: row.said_end,
        placedStart: row.placed_start,
        placedEnd: row.placed_end,
        version: row.version,
        retractionReason: row.retraction_reason,
        speakers: row.speakers,
        stances: new Map(row.stances),
        reports: new Map(row.reports),
      },
    ]),
  );
  const merges = await rows<{ merged_key: string; merged_claim_id: number; kept_claim_id: number }>(
    sql`SELECT merged_key, merged_claim_id, kept_claim_id FROM claim_merges WHERE merged_key LIKE ${like}`,
  );
  // Every name of the run holds the run's label.
  const mentioned = `%${world.run}%`;
  const idsOf = async (table: string, column: string) =>
    new Map(
      (
        await rows<{ name: string; id: number }>(
          sql`SELECT ${sql.identifier(column)} AS name, id FROM ${sql.identifier(table)}
            WHERE ${sql.identifier(column)} LIKE ${mentioned}`,
        )
      ).map((row) => [row.name, row.id]),
    );
  const texts = await rows<{ text: string; reason: string | null }>(
    sql`SELECT text, retraction_reason AS reason FROM claims WHERE text LIKE ${mentioned}
      OR retraction_reason LIKE ${mentioned}`,
  );
  const revisions = await rows<{
    id: number;
    by: string;
    at: string;
    table: string;
    action: Revision['action'];
    before: Row | null;
    after: Row | null;
  }>(sql`
    SELECT id::int, changed_by AS by, changed_at::text AS at, table_name AS table, action, before, after
    FROM revisions WHERE changed_by IN ${writers} ORDER BY id`);
  const strangers = await rows<{ by: string; count: number }>(sql`
    SELECT changed_by AS by, count(*)::int AS count FROM revisions
    WHERE id > (SELECT min(id) FROM revisions WHERE changed_by = ${setupName})
      AND changed_by NOT IN ${[...writers, setupName]}
    GROUP BY 1 ORDER BY 1`);
  return {
    claims,
    claimsByKey: new Map([...claims.values()].map((claim) => [claim.key, claim])),
    mergedKeys: new Map(merges.map((row) => [row.merged_key, row.kept_claim_id])),
    mergedIds: new Map(merges.map((row) => [row.merged_claim_id, row.kept_claim_id])),
    sourceIds: await idsOf('sources', 'url'),
    actorIds: await idsOf('actors', 'slug'),
    propositionIds: await idsOf('propositions', 'slug'),
    texts: new Set(texts.map((row) => row.text)),
    reasons: new Set(texts.flatMap((row) => (row.reason ? [row.reason] : []))),
    groups: groupsOf(revisions),
    strangers: new Map(strangers.map((row) => [row.by, row.count])),
  };
}

/**
 * The revisions cut into transactions: a writer sends one write at a time, so its transactions do not overlap, and
 * every revision of one has the same changed_at (now(), the transaction's start), which the next one's follows.
 */
function groupsOf(revisions: readonly Revision[]): RevisionGroup[] {
  const groups = new Map<string, RevisionGroup>();
  for (const revision of revisions) {
    const id = `${revision.by} ${revision.at}`;
    const group = groups.get(id) ?? groups.set(id, { writer: revision.by, revisions: [] }).get(id)!;
    group.revisions.push(revision);
  }
  return [...groups.values()];
}
