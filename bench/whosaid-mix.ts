import { runKeyPrefix } from './claim-keys.js';
import type { Ask, Mix, MixEntry, Subjects } from './mix-types.js';

const CLAIM_SUMMARY = `id text mode medium saidOn { value }`;

const TIMELINE_PAGE = `query timelinePage($first: Int!, $after: String) {
  timeline(first: $first, after: $after) {
    edges {
      cursor
      node {
        __typename
        ... on Claim { ${CLAIM_SUMMARY} speakers { slug name } }
        ... on Event { id slug title occurredOn { value } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The cursor after page `page - 1` of the timeline (page 1 has none), or after the last page where there are fewer. */
async function timelineCursorBefore(page: number, ask: Ask, first: number): Promise<string | null> {
  let after: string | null = null;
  for (let reached = 1; reached < page; reached += 1) {
    const data = await ask(
      `query timelineCursor($first: Int!, $after: String) { timeline(first: $first, after: $after) { pageInfo { hasNextPage endCursor } } }`,
      { first, after },
    );
    const { pageInfo } = (data as { timeline: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } })
      .timeline;
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return after;
}

const RECORD_CLAIM = `mutation mutationMix($sourceUrl: String!, $claim: ClaimInput!) {
      recordClaim(sourceUrl: $sourceUrl, claim: $claim) {
        __typename
        ... on MutationRecordClaimSuccess { data { id key stances { stance proposition { slug } } } }
        ... on Error { message }
      }
    }`;

/**
 * A claim by the pair's actor with a stance on the pair's proposition per request, each with its own key (starting
 * `keyPrefix`, which the clean-up after the run looks for) and the stance alternating between SUPPORTS and OPPOSES.
 */
function recordClaimOn(
  keyPrefix: string,
  pairOf: (subjects: Subjects) => { actorSlug: string; propositionSlug: string },
): MixEntry {
  return {
    document: RECORD_CLAIM,
    variables: async (subjects) => {
      const pair = pairOf(subjects);
      return {
        sourceUrl: subjects.sourceUrl,
        claim: {
          key: runKeyPrefix(keyPrefix),
          text: 'A claim recorded by the benchmark',
          mode: 'PARAPHRASE',
          medium: 'INTERVIEW',
          saidOn: { value: subjects.to },
          speakers: [pair.actorSlug],
          stances: [{ proposition: pair.propositionSlug, stance: 'SUPPORTS' }],
        },
      };
    },
    perRequest: (base, n) => {
      const claim = base.claim as Record<string, unknown>;
      return {
        ...base,
        claim: {
          ...claim,
          key: `${String(claim.key)}-${n}`,
          text: `${String(claim.text)}, number ${n}`,
          stances: [
            { ...(claim.stances as Record<string, unknown>[])[0], stance: n % 2 === 0 ? 'SUPPORTS' : 'OPPOSES' },
          ],
        },
      };
    },
  };
}

/** whosaid's side of the query mix: each document is named after its question. */
export const whosaidMix: Mix = {
  actorPage: {
    document: `query actorPage($slug: String!, $first: Int!) {
      actor(slug: $slug) {
        id slug name kind aliases
        roles { title current }
        claims(first: $first) {
          edges { cursor node { ${CLAIM_SUMMARY} stances { stance proposition { slug } } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
    variables: async (subjects, _ask, first) => ({ slug: subjects.actorSlug, first }),
  },
  propositionPositions: {
    document: `query propositionPositions($slug: String!) {
      proposition(slug: $slug) {
        id slug statement
        stanceSummary { supports opposes mixed neutral }
        positions { stance since { value } actor { slug name } evidence { id text } }
      }
    }`,
    variables: async (subjects) => ({ slug: subjects.propositionSlug }),
  },
  propositionPositionsPage: {
    document: `query propositionPositionsPage($slug: String!, $first: Int!) {
      proposition(slug: $slug) {
        id slug statement
        positionsConnection(first: $first) {
          totalCount
          edges { cursor node { stance since { value } actor { slug name } evidence { id text } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
    variables: async (subjects, _ask, first) => ({ slug: subjects.propositionSlug, first }),
  },
  claimsByDate: {
    document: `query claimsByDate($from: Date!, $to: Date!, $first: Int!) {
      claims(filter: { saidFrom: $from, saidTo: $to }, first: $first) {
        edges { cursor node { ${CLAIM_SUMMARY} speakers { slug name } reportedIn { source { url title } } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    variables: async (subjects, _ask, first) => ({ from: subjects.from, to: subjects.to, first }),
  },
  timelinePage1: {
    document: TIMELINE_PAGE,
    variables: async (_subjects, _ask, first) => ({ first, after: null }),
  },
  timelinePage1000: {
    document: TIMELINE_PAGE,
    variables: async (_subjects, ask, first) => ({ first, after: await timelineCursorBefore(1000, ask, first) }),
  },
  search: {
    document: `query search($query: String!, $first: Int!) {
      search(query: $query, first: $first) {
        edges {
          rank snippet
          node {
            __typename
            ... on Claim { id text }
            ... on Actor { id slug name }
            ... on Event { id slug title }
            ... on Proposition { id slug statement }
            ... on Source { id url title }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    variables: async (subjects, _ask, first) => ({ query: subjects.searchQuery, first }),
  },
  deepNested: {
    document: `query deepNested($slug: String!, $first: Int!) {
      actor(slug: $slug) {
        name
        claims(first: $first) {
          edges {
            node {
              text
              speakers { name roles { title organization { name } } }
              reportedIn { source { title publisher { name } authors { name } } }
              stances { stance proposition { statement stanceSummary { supports opposes mixed neutral } } }
              events { title participants { role actor { name } } }
            }
          }
        }
      }
    }`,
    variables: async (subjects, _ask, first) => ({ slug: subjects.actorSlug, first }),
  },
  mutationMix: recordClaimOn('bench', (subjects) => ({
    actorSlug: subjects.actorSlug,
    propositionSlug: subjects.propositionSlug,
  })),
  mutationMixSmallPair: recordClaimOn('bench-small', (subjects) => ({
    actorSlug: subjects.smallPairActorSlug,
    propositionSlug: subjects.smallPairPropositionSlug,
  })),
};
