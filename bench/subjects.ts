import pg from 'pg';
import type { Subjects } from './mix-types.js';

/** How many claims the date range of claimsByDate holds, where the database has that many. */
const CLAIMS_IN_RANGE = 300;

/** How many claims the pair of mutationMixSmallPair holds, or as near as the data has. */
const CLAIMS_OF_SMALL_PAIR = 10;

/**
 * What the questions of the mix are about, found by SQL in the database as loaded: the actor who said the most, the
 * proposition most actors hold a position on, a date range around the middle of the claims holding a few hundred of
 * them, the source with the most claims, for new claims to be recorded against, and an (actor, proposition) pair
 * with about 10 claims, for writes where few of them are at stake. positions has a row per claim of a pair.
 */
export async function findSubjects(databaseUrl: string, searchQuery: string): Promise<Subjects> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const actor = await one<{ id: number; slug: string }>(
      client,
      'actor who said anything',
      `SELECT a.id, a.slug FROM actors a JOIN claim_speakers cs ON cs.actor_id = a.id
       GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1`,
    );
    const proposition = await one<{ id: number; slug: string }>(
      client,
      'proposition anyone took a position on',
      `SELECT p.id, p.slug FROM propositions p JOIN positions ps ON ps.proposition_id = p.id AND ps.next_placed_start IS NULL
       GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
    );
    const range = await one<{ from: string; to: string }>(
      client,
      'claim with a date',
      `WITH dated AS (SELECT said_start, row_number() OVER (ORDER BY said_start, id) AS n, count(*) OVER () AS total
                      FROM claims WHERE said_start IS NOT NULL AND retracted_at IS NULL)
       SELECT to_char(min(said_start), 'YYYY-MM-DD') AS "from", to_char(max(said_start), 'YYYY-MM-DD') AS "to" FROM dated
       WHERE n > greatest(0, total / 2 - $1 / 2) AND n <= greatest(0, total / 2 - $1 / 2) + $1`,
      [CLAIMS_IN_RANGE],
    );
    const bigPair = await one<{ claims: number }>(
      client,
      'positions',
      'SELECT count(*)::int AS claims FROM positions WHERE actor_id = $1 AND proposition_id = $2',
      [actor.id, proposition.id],
    );
    const smallPair = await one<{
      actorId: number;
      actorSlug: string;
      propositionId: number;
      propositionSlug: string;
      claims: number;
    }>(
      client,
      'position',
      `WITH pairs AS (SELECT actor_id, proposition_id, count(*)::int AS claims FROM positions
                      GROUP BY actor_id, proposition_id
                      ORDER BY abs(count(*) - $1), actor_id, proposition_id LIMIT 1)
       SELECT a.id AS "actorId", a.slug AS "actorSlug", p.id AS "propositionId", p.slug AS "propositionSlug", pairs.claims
       FROM pairs JOIN actors a ON a.id = pairs.actor_id JOIN propositions p ON p.id = pairs.proposition_id`,
      [CLAIMS_OF_SMALL_PAIR],
    );
    const source = await one<{ id: number; url: string }>(
      client,
      'source',
      `SELECT s.id, s.url FROM sources s LEFT JOIN claims c ON c.source_id = s.id
       GROUP BY s.id ORDER BY count(c.id) DESC, s.id LIMIT 1`,
    );
    return {
      actorSlug: actor.slug,
      actorId: actor.id,
      propositionSlug: proposition.slug,
      propositionId: proposition.id,
      bigPairClaims: bigPair.claims,
      smallPairActorSlug: smallPair.actorSlug,
      smallPairActorId: smallPair.actorId,
      smallPairPropositionSlug: smallPair.propositionSlug,
      smallPairPropositionId: smallPair.propositionId,
      smallPairClaims: smallPair.claims,
      from: range.from,
      to: range.to,
      searchQuery,
      sourceUrl: source.url,
      sourceId: source.id,
    };
  } finally {
    await client.end();
  }
}

async function one<Row extends pg.QueryResultRow>(
  client: pg.Client,
  what: string,
  text: string,
  values?: unknown[],
): Promise<Row> {
  const { rows } = await client.query<Row>(text, values);
  const row = rows[0];
  if (!row || Object.values(row).some((value) => value === null)) {
    throw new Error(`The database has no ${what}: load it first (npm run bench:generate)`);
  }
  return row;
}
