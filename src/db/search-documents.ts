import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { textSearchConfig } from './text-search-languages.js';

/**
 * The text search documents, one expression per searchable table. Both the GIN indexes (schema.ts) and the search
 * (search.ts) build them here: an index serves a query only when the expressions are the same.
 * The main text weighs A, so ranks compare across tables; secondary text (context, description, aliases) weighs B.
 */
const weighted = (text: SQLWrapper, weight: 'A' | 'B', config: SQL = sql`'english'`) =>
  sql`setweight(to_tsvector(${config}, ${text}), '${sql.raw(weight)}')`;

/**
 * A claim's words are read in their language (stemmed by its configuration); its context, whosaid's own account of
 * what the words answer, in English like the rest of the archive's own text.
 */
export const claimDocument = (text: SQLWrapper, context: SQLWrapper, language: SQLWrapper): SQL =>
  sql`(${weighted(text, 'A', textSearchConfig(language))} || ${weighted(sql`coalesce(${context}, '')`, 'B')})`;

/** A translation of a claim's words, in its own language; it weighs as the words do. */
export const translationDocument = (text: SQLWrapper, language: SQLWrapper): SQL =>
  weighted(text, 'A', textSearchConfig(language));

export const eventDocument = (title: SQLWrapper, description: SQLWrapper): SQL =>
  sql`(${weighted(title, 'A')} || ${weighted(sql`coalesce(${description}, '')`, 'B')})`;

export const actorDocument = (name: SQLWrapper, aliases: SQLWrapper): SQL =>
  sql`(${weighted(name, 'A')} || ${weighted(sql`aliases_text(${aliases})`, 'B')})`;

/** An actor's name and aliases as one text, for trigram matching of misspelled names. */
export const actorNames = (name: SQLWrapper, aliases: SQLWrapper): SQL =>
  sql`(${name} || ' ' || aliases_text(${aliases}))`;

export const propositionDocument = (statement: SQLWrapper): SQL => weighted(statement, 'A');

export const sourceDocument = (title: SQLWrapper): SQL => weighted(title, 'A');
