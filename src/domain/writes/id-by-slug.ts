import { NotFoundError } from '../write-errors.js';

/** A relational query of a table whose rows have slugs: `db.query.actors`, `tx.query.events`. */
interface SluggedTable {
  findFirst(options: { where: { slug: string }; columns: { id: true } }): PromiseLike<{ id: number } | undefined>;
}

/** The id of the row a write names by its slug; a NotFoundError naming the `what` (an actor, an event) otherwise. */
export async function idBySlug(table: SluggedTable, what: string, slug: string): Promise<number> {
  const row = await table.findFirst({ where: { slug }, columns: { id: true } });
  if (!row) throw new NotFoundError(`No ${what} has the slug "${slug}"`);
  return row.id;
}
