/**
 * The contract between the benchmark's parts: the query mix has the same names for whosaid and for its peer, and each
 * side writes its own document for the same question.
 */
export const QUERY_NAMES = [
  'actorPage',
  'propositionPositions',
  'propositionPositionsPage',
  'claimsByDate',
  'timelinePage1',
  'timelinePage1000',
  'search',
  'deepNested',
  'mutationMix',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];

/** What the questions are about, found in the loaded database before the run (see bench/subjects.ts). */
export interface Subjects {
  /** The actor who said the most. */
  actorSlug: string;
  actorId: number;
  /** The proposition most actors took a position on. */
  propositionSlug: string;
  propositionId: number;
  /** A date range (ISO days, inclusive) holding a few hundred claims. */
  from: string;
  to: string;
  /** A search query and the source URL new claims of the mutation mix are recorded against. */
  searchQuery: string;
  sourceUrl: string;
  sourceId: number;
}

/** Sends one GraphQL request to the server under test and returns its `data`, throwing on errors. */
export type Ask = (document: string, variables?: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface MixEntry {
  document: string;
  /**
   * The variables of every request of the run, found once before it (a page-1,000 cursor is found by paging). `first`
   * is the page size the run asks for.
   */
  variables(subjects: Subjects, ask: Ask, first: number): Promise<Record<string, unknown>>;
  /** For writes: the variables of the n-th request, so that no two requests write the same thing. */
  perRequest?(base: Record<string, unknown>, n: number): Record<string, unknown>;
}

export type Mix = Record<QueryName, MixEntry>;
