import { runKeyPrefix } from '../claim-keys.js';
import type { Ask, Mix, MixEntry, Subjects } from '../mix-types.js';

/**
 * The benchmark's questions as PostGraphile asks them of the same database (bench/postgraphile/server.ts), each for
 * the same fields as whosaid's document (bench/whosaid-mix.ts). Where whosaid answers with a connection, so does this
 * (`edges { node }` with `pageInfo`; the timeline, a function's rows, by `nodes`); where whosaid gives a plain list
 * (a claim's speakers and stances, a proposition's positions), this reads the relation's `nodes`, unpaged.
 */

// whosaid's claim lists: latest first, by (placed_start, placed_end, id), the order of claims_placed_idx.
const LATEST_FIRST = '[PLACED_START_DESC, PLACED_END_DESC, PRIMARY_KEY_DESC]';
// An actor's claims as whosaid pages them: through the speaker rows, by their copy of the claim's placed dates
// (claim_speakers_actor_placed_idx), latest first, retracted claims left out.
const SPOKEN_LATEST_FIRST =
  'orderBy: [PLACED_START_DESC, PLACED_END_DESC, CLAIM_ID_DESC], filter: { claimByClaimId: { retractedAt: { isNull: true } } }';
// Current positions: no later claim supersedes them (positions_current_proposition_idx), by actor as whosaid orders them.
const CURRENT = 'nextPlacedStart: { isNull: true }';
const CURRENT_POSITIONS = `filter: { ${CURRENT} }, orderBy: [ACTOR_ID_ASC]`;
// whosaid's stanceSummary: how many current positions hold each stance.
const STANCE_SUMMARY = ['SUPPORTS', 'OPPOSES', 'MIXED', 'NEUTRAL']
  .map(
    (stance) =>
      `${stance.toLowerCase()}: positionsByPropositionId(filter: { ${CURRENT}, stance: { equalTo: ${stance} } }) { totalCount }`,
  )
  .join('\n');
// What whosaid reads for a partial date: its columns (PartialDate's value is computed from them).
const SAID_ON = 'saidStart saidEnd saidPrecision saidApproximate saidText';
const PUBLISHED_ON = 'publishedStart publishedEnd publishedPrecision publishedApproximate publishedText';
// whosaid's Position.since: when the claim was said or else when its earliest dated report was published (CLAIM_DATE
// in src/graphql/schema/position.ts), by the order of claim_reports_claim_placed_idx.
const EARLIEST_DATED_REPORT = `claimReportsByClaimId(first: 1, filter: { publishedStart: { isNull: false } },
  orderBy: [PLACED_START_ASC, PLACED_END_ASC, PRIMARY_KEY_ASC]) { nodes { ${PUBLISHED_ON} } }`;
const SPEAKER_NAMES = 'claimSpeakersByClaimId(orderBy: [POSITION_ASC]) { nodes { actorByActorId { name } } }';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

const ACTOR_PAGE = /* GraphQL */ `
  query ActorPage($slug: String!, $first: Int!) {
    actorBySlug(slug: $slug) {
      rowId slug name kind aliases
      actorRolesByActorId(orderBy: [POSITION_ASC]) { nodes { title former endedStart } }
      claimSpeakersByActorId(first: $first, ${SPOKEN_LATEST_FIRST}) {
        edges {
          cursor
          node {
            claimByClaimId {
              rowId text mode medium ${SAID_ON}
              claimStancesByClaimId { nodes { stance propositionByPropositionId { slug } } }
            }
          }
        }
        ${PAGE_INFO}
      }
    }
  }`;

// whosaid's positions are a plain list, all of them: so are these (the connection's nodes, unpaged).
const PROPOSITION_POSITIONS = /* GraphQL */ `
  query PropositionPositions($slug: String!) {
    propositionBySlug(slug: $slug) {
      rowId slug statement
      ${STANCE_SUMMARY}
      positionsByPropositionId(${CURRENT_POSITIONS}) {
        nodes {
          stance
          claimBySinceClaimId { ${SAID_ON} placedStart placedEnd ${EARLIEST_DATED_REPORT} }
          actorByActorId { slug name }
          claimByEvidenceClaimId { rowId text }
        }
      }
    }
  }`;

// whosaid's positionsConnection: the first page of the current positions in the order they are held since, then by
// actor (positions_current_since_idx), with their totalCount. v5's condition argument could say the same of the null
// column (condition: { nextPlacedStart: null } is IS NULL); the filter is the one the row above uses.
const PROPOSITION_POSITIONS_PAGE = /* GraphQL */ `
  query PropositionPositionsPage($slug: String!, $first: Int!) {
    propositionBySlug(slug: $slug) {
      rowId slug statement
      positionsByPropositionId(first: $first, filter: { ${CURRENT} }, orderBy: [SINCE_PLACED_START_ASC, ACTOR_ID_ASC]) {
        totalCount
        edges {
          cursor
          node {
            stance
            claimBySinceClaimId { ${SAID_ON} placedStart placedEnd ${EARLIEST_DATED_REPORT} }
            actorByActorId { slug name }
            claimByEvidenceClaimId { rowId text }
          }
        }
        ${PAGE_INFO}
      }
    }
  }`;

// whosaid's claims(filter: { saidFrom, saidTo }): the claims whose placed range overlaps [from, to], unretracted,
// latest first (its default order).
const CLAIMS_BY_DATE = /* GraphQL */ `
  query ClaimsByDate($from: Date!, $to: Date!, $first: Int!) {
    allClaims(
      first: $first
      orderBy: ${LATEST_FIRST}
      filter: { placedStart: { lessThanOrEqualTo: $to }, placedEnd: { greaterThanOrEqualTo: $from }, retractedAt: { isNull: true } }
    ) {
      edges { node { text placedStart placedEnd ${SPEAKER_NAMES} } }
      ${PAGE_INFO}
    }
  }`;

// whosaid's timeline: claims and events in one order, paged by keyset. PostGraphile pages a set-returning function
// by offset, so postgraphile_peer.timeline (peer-functions.sql) takes the keys of the previous page's last entry (and
// the page size, to limit each kind on its own index as whosaid does) and the client passes them on: `first` pages
// what it returns. The claims and events are read by their ids, as whosaid's node loader reads them.
const FIRST_PAGE = { afterStart: '-infinity', afterEnd: '-infinity', afterKind: 0, afterId: 0 };
const TIMELINE = /* GraphQL */ `
  query Timeline($first: Int!, $afterStart: Date!, $afterEnd: Date!, $afterKind: Int!, $afterId: Int!) {
    timeline(afterStart: $afterStart, afterEnd: $afterEnd, afterKind: $afterKind, afterId: $afterId, pageSize: $first, first: $first) {
      nodes {
        placedStart placedEnd kind rowId
        claimByClaimId { rowId text mode medium ${SAID_ON} claimSpeakersByClaimId(orderBy: [POSITION_ASC]) { nodes { actorByActorId { slug name } } } }
        eventByEventId { rowId slug title occurredStart occurredEnd occurredPrecision occurredApproximate occurredText }
      }
      pageInfo { hasNextPage }
    }
  }`;

interface TimelineKeys {
  placedStart: string;
  placedEnd: string;
  kind: number;
  rowId: number;
}

// whosaid's search ranks claims, actors (with misspelled names), events, propositions and sources together and gives
// each hit a snippet; search_claims (peer-functions.sql) matches and ranks claims alone, through the same GIN index.
const SEARCH = /* GraphQL */ `
  query Search($query: String!, $first: Int!) {
    searchClaims(query: $query, first: $first) {
      edges { node { __typename text ${SPEAKER_NAMES} } }
      ${PAGE_INFO}
    }
  }`;

// whosaid's deepNested, field for field; a claim's events come by event id here, by date in whosaid. whosaid's
// reportedIn is the report of the source that recorded the claim (claims.source_id): sourceBySourceId is the same source.
const DEEP_NESTED = /* GraphQL */ `
  query DeepNested($slug: String!, $first: Int!) {
    actorBySlug(slug: $slug) {
      name
      claimSpeakersByActorId(first: $first, ${SPOKEN_LATEST_FIRST}) {
        edges {
          node {
            claimByClaimId {
              text
              claimSpeakersByClaimId(orderBy: [POSITION_ASC]) {
                nodes { actorByActorId { name actorRolesByActorId(orderBy: [POSITION_ASC]) { nodes { title actorByOrganizationId { name } } } } }
              }
              sourceBySourceId {
                title
                actorByPublisherId { name }
                sourceAuthorsBySourceId(orderBy: [POSITION_ASC]) { nodes { actorByActorId { name } } }
              }
              claimStancesByClaimId { nodes { stance propositionByPropositionId { statement ${STANCE_SUMMARY} } } }
              claimEventsByClaimId {
                nodes { eventByEventId { title eventParticipantsByEventId(orderBy: [POSITION_ASC]) { nodes { role actorByActorId { name } } } } }
              }
            }
          }
        }
      }
    }
  }`;

// record_claim (peer-functions.sql) inserts the claim, its speaker, its stance and its report in one transaction, and
// the audit trail triggers record them. whosaid's recordClaim also resolves slugs, validates and normalises the input,
// checks the API key, and rewrites the speaker's positions in the same transaction; this does none of that.
const RECORD_CLAIM = /* GraphQL */ `
  mutation RecordClaim($input: RecordClaimInput!) {
    recordClaim(input: $input) { result { rowId key text placedStart } }
  }`;

/** The keys after `pages` pages of `first` entries of the timeline, or before the last page where there are fewer (as whosaid's). */
async function timelineKeys(ask: Ask, first: number, pages: number): Promise<typeof FIRST_PAGE> {
  let after = FIRST_PAGE;
  for (let page = 0; page < pages; page++) {
    const data = await ask(TIMELINE, { first, ...after });
    const { nodes, pageInfo } = data.timeline as { nodes: TimelineKeys[]; pageInfo: { hasNextPage: boolean } };
    const last = nodes.at(-1);
    if (!last || !pageInfo.hasNextPage) break;
    after = { afterStart: last.placedStart, afterEnd: last.placedEnd, afterKind: last.kind, afterId: last.rowId };
  }
  return after;
}

/** A claim by the pair's actor on the pair's proposition per request, each with its own key (starting `keyPrefix`). */
function recordClaimOn(
  keyPrefix: string,
  pairOf: (subjects: Subjects) => { speakerId: number; propositionId: number },
): MixEntry {
  return {
    document: RECORD_CLAIM,
    variables: async (subjects) => ({
      input: {
        key: runKeyPrefix(keyPrefix),
        text: 'Benchmark claim recorded through PostGraphile.',
        mode: 'PARAPHRASE',
        medium: 'OTHER',
        sourceId: subjects.sourceId,
        saidOn: subjects.to,
        ...pairOf(subjects),
        stance: 'SUPPORTS',
      },
    }),
    perRequest: (base, n) => {
      const input = base.input as Record<string, unknown>;
      return { input: { ...input, key: `${String(input.key)}-${n}`, text: `${String(input.text)} (${n})` } };
    },
  };
}

export const postgraphileMix: Mix = {
  actorPage: {
    document: ACTOR_PAGE,
    variables: async (subjects, _ask, first) => ({ slug: subjects.actorSlug, first }),
  },
  propositionPositions: {
    document: PROPOSITION_POSITIONS,
    variables: async (subjects) => ({ slug: subjects.propositionSlug }),
  },
  propositionPositionsPage: {
    document: PROPOSITION_POSITIONS_PAGE,
    variables: async (subjects, _ask, first) => ({ slug: subjects.propositionSlug, first }),
  },
  claimsByDate: {
    document: CLAIMS_BY_DATE,
    variables: async (subjects, _ask, first) => ({ from: subjects.from, to: subjects.to, first }),
  },
  timelinePage1: {
    document: TIMELINE,
    variables: async (_subjects, _ask, first) => ({ first, ...FIRST_PAGE }),
  },
  timelinePage1000: {
    document: TIMELINE,
    variables: async (_subjects, ask, first) => ({ first, ...(await timelineKeys(ask, first, 999)) }),
  },
  search: {
    document: SEARCH,
    variables: async (subjects, _ask, first) => ({ query: subjects.searchQuery, first }),
  },
  deepNested: {
    document: DEEP_NESTED,
    variables: async (subjects, _ask, first) => ({ slug: subjects.actorSlug, first }),
  },
  mutationMix: recordClaimOn('bench-peer', (subjects) => ({
    speakerId: subjects.actorId,
    propositionId: subjects.propositionId,
  })),
  mutationMixSmallPair: recordClaimOn('bench-peer-small', (subjects) => ({
    speakerId: subjects.smallPairActorId,
    propositionId: subjects.smallPairPropositionId,
  })),
};
