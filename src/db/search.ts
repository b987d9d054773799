import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import { actors, claims, claimTranslations, events, propositions, sources } from './schema.js';
import { actorNames } from './search-documents.js';
import {
  FALLBACK_TEXT_SEARCH_CONFIG,
  QUERY_TEXT_SEARCH_CONFIGS,
  TEXT_SEARCH_CONFIGS,
  textSearchConfig,
} from './text-search-languages.js';

/** The GraphQL type of each kind of hit. Hits of equal rank are ordered by it (in C collation), then by id. */
export const SEARCHED_TYPES = ['Actor', 'Claim', 'Event', 'Proposition', 'Source'] as const;
export type SearchedType = (typeof SEARCHED_TYPES)[number];

/** Where a hit sits in the results: by rank, highest first, then by type and id. */
export interface SearchPosition {
  rank: number;
  type: SearchedType;
  id: number;
}

export interface SearchHit extends SearchPosition {
  /** The matching text with the matches between « and ». */
  snippet: string;
}

export interface SearchRequest {
  /** Web search syntax: `"exact phrase"`, `or`, `-excluded`. */
  query: string;
  types: readonly SearchedType[];
  after: SearchPosition | null;
  limit: number;
}

// Short texts (names, titles, statements) are shown whole; long ones as the best passage of up to 35 words.
const WHOLE = 'HighlightAll=true, StartSel=«, StopSel=»';
const PASSAGES = 'StartSel=«, StopSel=», MaxWords=35, MinWords=15';

/**
 * One page of search results, in one statement: each searched table is matched through its own GIN index (or its
 * recency index), its latest matches are ranked, all are ordered and cut to the page, and only the page's rows get
 * snippets.
 */
export async function searchPage(db: Database, request: SearchRequest): Promise<SearchHit[]> {
  const parsed = parseQuery(request.query);
  const texts = (values: readonly string[]) =>
    sql`ARRAY[${sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    )}]::text[]`;
  const excludedTerms = parsed.excluded.map((term) => `"${term}"`).join(' or ');
  // Exclusions alone would match nearly every text; the claims' branch then reads none (see `found`).
  const anyLanguageText = parsed.wanted.trim() ? anyLanguage(request.query) : null;
  const context: SearchContext = {
    text: sql`websearch_to_tsquery('english', ${request.query})`,
    ranked: sql`websearch_to_tsquery('english', ${parsed.wanted})`,
    anyLanguageText:
      anyLanguageText && parsed.excluded.length
        ? sql`(${anyLanguageText} && !!${anyLanguage(excludedTerms)})`
        : anyLanguageText,
    wanted: parsed.wanted,
    names: parsed.names.length
      ? sql`ARRAY(SELECT term FROM unnest(${texts(parsed.names)}) term WHERE numnode(plainto_tsquery('english', term)) > 0)`
      : null,
    nameWords: texts(parsed.names.flatMap((term) => term.split(/\s+/))),
    excluded: parsed.excluded.length ? sql`websearch_to_tsquery('english', ${excludedTerms})` : null,
  };
  const after = request.after;
  const keyset = after
    ? sql`WHERE hit.rank < ${after.rank}::float8 OR (hit.rank = ${after.rank}::float8
        AND (hit.type COLLATE "C" > ${after.type} OR (hit.type = ${after.type} AND hit.id > ${after.id})))`
    : sql``;
  const result = await db.execute(sql`
    SELECT page.type, page.id, page.rank, CASE page.type ${sql.join(
      request.types.map((type) => sql`WHEN ${type} THEN ${SNIPPETS[type](context)}`),
      sql` `,
    )} END AS snippet
    FROM (
      SELECT hit.type, hit.id, hit.rank
      FROM (${sql.join(
        request.types.map((type) => BRANCHES[type](context)),
        sql` UNION ALL `,
      )}) hit
      ${keyset}
      ORDER BY hit.rank DESC, hit.type COLLATE "C", hit.id
      LIMIT ${request.limit}
    ) page
    ORDER BY page.rank DESC, page.type COLLATE "C", page.id`);
  return (result as unknown as { rows: SearchHit[] }).rows;
}

/**
 * A query read in every language whosaid searches, for the claims' words and translations, each stemmed in its own
 * language: the query's language is not known. Each distinct reading once (websearch_to_tsquery_in_any, in the
 * migrations); one constant tsquery, so that the GIN index serves it and the planner reads from the statistics how
 * common its words are.
 */
const QUERY_CONFIGS = sql.raw(`'{${QUERY_TEXT_SEARCH_CONFIGS.join(',')}}'::regconfig[]`);
const anyLanguage = (query: string) => sql`websearch_to_tsquery_in_any(${QUERY_CONFIGS}, ${query})`;

/**
 * The query read in one text's language (a column of BCP 47 tags), row by row: ranks compare across types only when
 * each text is ranked by the query in its own language, as the English texts are by the English query.
 */
const inLanguage = (language: SQLWrapper, query: string) =>
  sql`websearch_to_tsquery(${textSearchConfig(language)}, ${query})`;

/**
 * `inLanguage` for many rows: each language's reading is a constant the planner computes once, where reading the
 * query again for each of 500 candidates would cost more than ranking them.
 */
const inLanguageOfEach = (language: SQLWrapper, query: string) =>
  sql`(CASE split_part(${language}, '-', 1) ${sql.join(
    Object.entries(TEXT_SEARCH_CONFIGS).map(
      ([subtag, config]) =>
        sql`WHEN ${sql.raw(`'${subtag}'`)} THEN websearch_to_tsquery(${sql.raw(`'${config}'`)}, ${query})`,
    ),
    sql` `,
  )} ELSE websearch_to_tsquery(${sql.raw(`'${FALLBACK_TEXT_SEARCH_CONFIG}'`)}, ${query}) END)`;

interface SearchContext {
  /** The query as a tsquery, in English: the language of whosaid's own texts (names, titles, descriptions). */
  text: SQL;
  /** The query without its exclusions, as a tsquery: ts_rank gives next to nothing for a query with a negation. */
  ranked: SQL;
  /**
   * The query read in every language, for the claims' words and translations: a text matches where the query read in
   * some language matches it and no language's reading of an excluded word does. Null for a query of exclusions alone.
   */
  anyLanguageText: SQL | null;
  /** The query without its exclusions, as text, to be read in a text's own language for its rank and highlights. */
  wanted: string;
  /** The query's words that may be a misspelled name, per `or` alternative; null when there are none. */
  names: SQL | null;
  /** The words of `names`, as a text[]. */
  nameWords: SQL;
  /** The words the query excludes, as a tsquery; null when it excludes none. */
  excluded: SQL | null;
}

const actorNameText = actorNames(actors.name, actors.aliases);

/**
 * Each type ranks at most its latest 500 matches: ranking every match of a common word in a large archive would
 * read them all, and a newsroom wants the latest first anyway. The latest matches come through the recency index
 * when the word is common and through the GIN index when it is rare; the planner knows which from the statistics of
 * the search_document columns.
 */
export const SEARCH_CANDIDATES = 500;

// A query of nothing but exclusions ("-trump") would match nearly every row, through no index: it finds nothing.
const found = (document: SQLWrapper, text: SQL) => sql`(${document} @@ ${text} AND querytree(${text}) <> 'T')`;

// The inner query takes the table's name as its alias, so that the rank reads the candidates' columns.
const branch = (type: SearchedType, table: PgTable, rank: SQL, where: SQL, latest: SQL) =>
  sql`SELECT ${sql.raw(`'${type}'`)}::text AS type, ${table}.id AS id, (${rank})::float8 AS rank
    FROM (SELECT * FROM ${table} WHERE ${where} ORDER BY ${latest} LIMIT ${sql.raw(String(SEARCH_CANDIDATES))}) AS ${table}`;

const BRANCHES: Record<SearchedType, (context: SearchContext) => SQL> = {
  // A claim is found by its words, its context or one of its translations: the latest matches of the claims and of
  // the translations are ranked apart, each through its own index, and a claim found both ways ranks by its best.
  Claim: ({ anyLanguageText: text, ranked, wanted }) => {
    if (!text) return sql`SELECT 'Claim'::text AS type, 0 AS id, 0::float8 AS rank WHERE false`;
    const latest = sql`${claims.placedStart} DESC, ${claims.placedEnd} DESC, ${claims.id} DESC`;
    const limit = sql.raw(String(SEARCH_CANDIDATES));
    // Ranked by the query in the claim's language; context is English, so that reading counts too.
    const claimRank = sql`greatest(ts_rank(${claims.searchDocument}, ${inLanguageOfEach(claims.language, wanted)}),
      ts_rank(${claims.searchDocument}, ${ranked}))`;
    return sql`SELECT 'Claim'::text AS type, hit.id, max(hit.rank)::float8 AS rank FROM (
      SELECT ${claims}.id, ${claimRank} AS rank
      FROM (SELECT * FROM ${claims} WHERE ${claims.searchDocument} @@ ${text} AND ${claims.retractedAt} IS NULL
        ORDER BY ${latest} LIMIT ${limit}) AS ${claims}
      UNION ALL
      SELECT translated.id, ts_rank(translated.document, ${inLanguageOfEach(sql`translated.language`, wanted)})
      FROM (SELECT ${claims.id} AS id, ${claimTranslations.language} AS language,
          ${claimTranslations.searchDocument} AS document
        FROM ${claimTranslations} JOIN ${claims} ON ${claims.id} = ${claimTranslations.claimId}
        WHERE ${claimTranslations.searchDocument} @@ ${text} AND ${claims.retractedAt} IS NULL
        ORDER BY ${latest} LIMIT ${limit}) AS translated
    ) hit GROUP BY hit.id`;
  },
  Event: ({ text, ranked }) =>
    branch(
      'Event',
      events,
      sql`ts_rank(${events.searchDocument}, ${ranked})`,
      found(events.searchDocument, text),
      sql`${events.occurredStart} DESC, ${events.occurredEnd} DESC, ${events.id} DESC`,
    ),
  Proposition: ({ text, ranked }) =>
    branch(
      'Proposition',
      propositions,
      sql`ts_rank(${propositions.searchDocument}, ${ranked})`,
      found(propositions.searchDocument, text),
      sql`${propositions.id} DESC`,
    ),
  Source: ({ text, ranked }) =>
    branch(
      'Source',
      sources,
      sql`ts_rank(${sources.searchDocument}, ${ranked})`,
      found(sources.searchDocument, text),
      sql`${sources.publishedStart} DESC NULLS LAST, ${sources.id} DESC`,
    ),
  // Names match by words, like the rest, and also by trigrams, so that "Lavrow" finds Lavrov: `%>` holds when the
  // word similarity reaches pg_trgm.word_similarity_threshold (0.6 by default), and that similarity is then the rank.
  Actor: ({ text, ranked, names, excluded }) => {
    const byWords = found(actors.searchDocument, text);
    const textRank = sql`CASE WHEN ${byWords} THEN ts_rank(${actors.searchDocument}, ${ranked}) ELSE 0 END`;
    const latest = sql`${actors.id} DESC`;
    if (!names) return branch('Actor', actors, textRank, byWords, latest);
    const nameMatch = excluded
      ? sql`(${actorNameText} %> ANY(${names}) AND NOT ${actors.searchDocument} @@ ${excluded})`
      : sql`${actorNameText} %> ANY(${names})`;
    const nameRank = sql`(SELECT max(word_similarity(term, ${actorNameText})) FROM unnest(${names}) term)`;
    return branch('Actor', actors, sql`greatest(${textRank}, ${nameRank})`, sql`${byWords} OR ${nameMatch}`, latest);
  },
};

const headline = (document: SQL, text: SQL, options: string, config: SQL = sql`'english'`) =>
  sql`ts_headline(${config}, ${document}, ${text}, ${options})`;
const matches = (document: SQL, text: SQL, config: SQL = sql`'english'`) =>
  sql`to_tsvector(${config}, ${document}) @@ ${text}`;

const SNIPPETS: Record<SearchedType, (context: SearchContext) => SQL> = {
  // From the text that matched: the words, else the best of the translations that match, else the context.
  // Read in the text's own language, row by row, for the page's rows alone: a text that only another language's
  // reading of the query matched shows its beginning.
  Claim: ({ wanted, text: english }) => {
    const own = (language: SQL) => inLanguage(language, wanted);
    const translation = sql`(SELECT ${headline(sql`t.text`, own(sql`t.language`), PASSAGES, textSearchConfig(sql`t.language`))}
      FROM claim_translations t WHERE t.claim_id = c.id AND t.search_document @@ ${own(sql`t.language`)}
      ORDER BY ts_rank(t.search_document, ${own(sql`t.language`)}) DESC, t.id LIMIT 1)`;
    const words = headline(sql`c.text`, own(sql`c.language`), PASSAGES, textSearchConfig(sql`c.language`));
    return sql`(
    SELECT CASE WHEN ${matches(sql`c.text`, own(sql`c.language`), textSearchConfig(sql`c.language`))} THEN ${words}
      ELSE coalesce(${translation}, CASE WHEN ${matches(sql`coalesce(c.context, '')`, english)}
        THEN ${headline(sql`c.context`, english, PASSAGES)} END, ${words}) END
    FROM claims c WHERE c.id = page.id)`;
  },
  Event: ({ text }) => sql`(
    SELECT CASE WHEN NOT ${matches(sql`e.title`, text)} AND ${matches(sql`coalesce(e.description, '')`, text)}
      THEN ${headline(sql`e.description`, text, PASSAGES)} ELSE ${headline(sql`e.title`, text, WHOLE)} END
    FROM events e WHERE e.id = page.id)`,
  Proposition: ({ text }) =>
    sql`(SELECT ${headline(sql`p.statement`, text, WHOLE)} FROM propositions p WHERE p.id = page.id)`,
  Source: ({ text }) => sql`(SELECT ${headline(sql`s.title`, text, WHOLE)} FROM sources s WHERE s.id = page.id)`,
  // The first of name and aliases that matches the words; failing that, the one closest to a misspelled name, with
  // its words that are like one of the query's (trigram similarity, `%`) between « and ».
  Actor: ({ text, names, nameWords }) => {
    const candidates = sql`unnest(array_prepend(a.name, a.aliases)) WITH ORDINALITY AS candidate(name, position)`;
    const byWords = sql`(SELECT ${headline(sql`candidate.name`, text, WHOLE)} FROM ${candidates}
      WHERE ${matches(sql`candidate.name`, text)} ORDER BY candidate.position LIMIT 1)`;
    if (!names) return sql`(SELECT coalesce(${byWords}, a.name) FROM actors a WHERE a.id = page.id)`;
    const byTrigrams = sql`(
      SELECT (SELECT string_agg(CASE WHEN word % ANY(${nameWords}) THEN '«' || word || '»' ELSE word END, ' ' ORDER BY n)
              FROM regexp_split_to_table(candidate.name, '\\s+') WITH ORDINALITY AS words(word, n))
      FROM ${candidates}
      ORDER BY (SELECT max(word_similarity(term, candidate.name)) FROM unnest(${names}) term) DESC NULLS LAST, candidate.position
      LIMIT 1)`;
    return sql`(SELECT coalesce(${byWords}, ${byTrigrams}) FROM actors a WHERE a.id = page.id)`;
  },
};

interface ParsedQuery {
  /** The query without its exclusions. */
  wanted: string;
  /** The words that may be a name, one text per `or` alternative: "sergei lavrow or kisliak" has two. */
  names: string[];
  /** The words and phrases excluded with a leading minus. */
  excluded: string[];
}

/** A web search query taken apart as websearch_to_tsquery reads it, for what it cannot do: rank and match names. */
function parseQuery(query: string): ParsedQuery {
  const wanted: string[] = [];
  const alternatives: string[][] = [[]];
  const excluded: string[] = [];
  for (const [token, minus, phrase, word] of query.matchAll(/(?<=^|\s)(-?)(?:"([^"]*)"?|(\S+))/g)) {
    const term = (phrase ?? word ?? '').replaceAll('"', '').trim();
    if (!term) continue;
    if (minus) {
      excluded.push(term);
    } else {
      wanted.push(token);
      if (phrase === undefined && term.toLowerCase() === 'or') alternatives.push([]);
      else alternatives.at(-1)!.push(term);
    }
  }
  return {
    wanted: wanted.join(' '),
    names: alternatives.filter((words) => words.length).map((words) => words.join(' ')),
    excluded,
  };
}
