import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * The text search configuration for each primary language subtag (ISO 639-1) that both Postgres (15 and later) and
 * PGlite ship one for: its stemmer and stop words. Texts in any other language are searched word for word (`simple`).
 */
export const TEXT_SEARCH_CONFIGS = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
} as const;

/** What a text in a language none of the configurations speaks is searched with: its words as they are. */
export const FALLBACK_TEXT_SEARCH_CONFIG = 'simple';

/** Every configuration a query is read under, since the language of a query is not known: one of each. */
export const QUERY_TEXT_SEARCH_CONFIGS: readonly string[] = [
  ...new Set<string>([...Object.values(TEXT_SEARCH_CONFIGS), FALLBACK_TEXT_SEARCH_CONFIG]),
].sort();

/**
 * The configuration of a BCP 47 tag's primary language subtag, as an immutable SQL expression, so that a generated
 * column and its GIN index can use it. The tags are stored canonical: the primary subtag in lower case.
 */
export const textSearchConfig = (language: SQLWrapper): SQL =>
  sql`(CASE split_part(${language}, '-', 1) ${sql.raw(
    Object.entries(TEXT_SEARCH_CONFIGS)
      .map(([subtag, config]) => `WHEN '${subtag}' THEN '${config}'::regconfig`)
      .join(' '),
  )} ELSE '${sql.raw(FALLBACK_TEXT_SEARCH_CONFIG)}'::regconfig END)`;

/** The configuration that `textSearchConfig` gives a tag, in TypeScript. */
export function textSearchConfigOf(language: string): string {
  const subtag = language.split('-')[0]!.toLowerCase();
  return (TEXT_SEARCH_CONFIGS as Record<string, string>)[subtag] ?? FALLBACK_TEXT_SEARCH_CONFIG;
}
