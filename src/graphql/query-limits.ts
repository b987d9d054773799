/** What one request may ask for. A query over these is refused before anything is resolved. */
export const QUERY_LIMITS = {
  depth: 12,
  aliases: 20,
  directives: 10,
  tokens: 5000,
  /** Pothos complexity: each field costs 1, and what is beneath a list costs as many times as the page it asks for. */
  complexity: 50000,
  pageSize: 100,
} as const;

/** What a page holds when the request does not say (`first` or `last`). */
export const DEFAULT_PAGE_SIZE = 20;
