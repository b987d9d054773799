import pg from 'pg';
import type { Subjects } from './mix-types.js';

/** How many claims the date range of claimsByDate holds, where the database has that many. */
const CLAIMS_IN_RANGE = 300;

/**
 * What the questions of the mix are about, found by SQL in the database as loaded: the actor who said the most, the
 * proposition most actors hold a position on, a date range around the middle of the claims holding a few hundred of
 * them, and the source with the most claims, for new claims to be recorded against.
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
