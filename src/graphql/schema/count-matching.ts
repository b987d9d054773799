import { sql } from 'drizzle-orm';

interface RelationalQuery {
  findFirst(config: object): Promise<unknown>;
}

/** How many rows a relational-query filter matches, in one statement, for a connection's totalCount. */
export async function countMatching(query: RelationalQuery, where: object): Promise<number> {
  const row = (await query.findFirst({
    where,
    columns: {},
    extras: { total: () => sql<number>`count(*) over ()`.mapWith(Number) },
  })) as { total: number } | undefined;
  return row?.total ?? 0;
}
