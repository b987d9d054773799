import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * The text search documents, one expression per searchable table. Both the GIN indexes (schema.ts) and the search
 * (search.ts) build them here: an index serves a query only when the expressions are the same.
 * The main text weighs A, so ranks compare across tables; secondary text (context, description, aliases) weighs B.
 */
const weighted = (text: SQLWrapper, weight: 'A' | 'B') =>
  sql`setweight(to_tsvector('english', ${text}), '${sql.raw(weight)}')`;

export const claimDocument = (text: SQLWrapper, context: SQLWrapper): SQL =>
  sql`(${weighted(text, 'A')} || ${weighted(sql`coalesce(${context}, '')`, 'B')})`;

export const eventDocument = (title: SQLWrapper, description: SQLWrapper): SQL =>
  sql`(${weighted(title, 'A')} || ${weighted(sql`coalesce(${description}, '')`, 'B')})`;

export const actorDocument = (name: SQLWrapper, aliases: SQLWrapper): SQL =>
  sql`(${weighted(name, 'A')} || ${weighted(sql`aliases_text(${aliases})`, 'B')})`;

/** An actor's name and aliases as one text, for trigram matching of misspelled names. */
export const actorNames = (name: SQLWrapper, aliases: SQLWrapper): SQL =>
  sql`(${name} || ' ' || aliases_text(${aliases}))`;

export const propositionDocument = (statement: SQLWrapper): SQL => weighted(statement, 'A');

export const sourceDocument = (title: SQLWrapper): SQL => weighted(title, 'A');
