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
  'mutationMixSmallPair',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];

/** The rows that write: they have no floor, and their claims are deleted again after each run. */
export const WRITE_QUERIES: readonly QueryName[] = ['mutationMix', 'mutationMixSmallPair'];

export const isWrite = (name: QueryName): boolean => WRITE_QUERIES.includes(name);

/**
 * The queries a comma-separated list names, in the mix's order. A name the mix does not have is refused, with the
 * names it has.
 */
export function queryNamesFrom(list: string): QueryName[] {
  const asked = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const known: readonly string[] = QUERY_NAMES;
  const unknown = asked.filter((name) => !known.includes(name));
  if (unknown.length > 0 || asked.length === 0) {
    const what =
      unknown.length > 0
        ? `unknown quer${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`
        : 'no query named';
    throw new Error(`${what}; the queries of the mix are ${QUERY_NAMES.join(', ')}`);
  }
  return QUERY_NAMES.filter((name) => asked.includes(name));
}

/** What the questions are about, found in the loaded database before the run (see bench/subjects.ts). */
export interface Subjects {
  /** The actor who said the most. */
  actorSlug: string;
  actorId: number;
  /** The proposition most actors took a position on. */
  propositionSlug: string;
  propositionId: number;
  /** How many claims the actor above holds on the proposition above (its rows in positions): mutationMix's pair. */
  bigPairClaims: number;
  /** The (actor, proposition) pair holding closest to 10 claims: mutationMixSmallPair's. */
  smallPairActorSlug: string;
  smallPairActorId: number;
  smallPairPropositionSlug: string;
  smallPairPropositionId: number;
  smallPairClaims: number;
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
