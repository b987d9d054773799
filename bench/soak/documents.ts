// The GraphQL documents the soak's writers and readers send, named so that the server's request log tells them apart.

const REFUSAL = `fragment Refusal on Error {
  __typename
  message
  ... on ConflictError { code currentVersion }
  ... on ValidationError { code issues { path message } }
  ... on NotFoundError { code }
}`;

const counts = `{ created updated unchanged }`;

export const IMPORT_SOURCE = `mutation soakImportSource($input: SourceBundleInput!) {
  importSource(input: $input) {
    __typename
    ... on MutationImportSourceSuccess { data { sources ${counts} claims ${counts} reports ${counts} } }
    ...Refusal
  }
}
${REFUSAL}`;

export const RECORD_CLAIM = `mutation soakRecordClaim($sourceUrl: String!, $claim: ClaimInput!) {
  recordClaim(sourceUrl: $sourceUrl, claim: $claim) {
    __typename
    ... on MutationRecordClaimSuccess { data { id version } }
    ...Refusal
  }
}
${REFUSAL}`;

export const UPDATE_CLAIM = `mutation soakUpdateClaim($id: ID!, $expectedVersion: Int!, $changes: ClaimChanges!) {
  updateClaim(id: $id, expectedVersion: $expectedVersion, changes: $changes) {
    __typename
    ... on MutationUpdateClaimSuccess { data { id version } }
    ...Refusal
  }
}
${REFUSAL}`;

export const SET_CLAIM_STANCE = `mutation soakSetClaimStance($claim: ID!, $proposition: String!, $stance: Stance) {
  setClaimStance(claim: $claim, proposition: $proposition, stance: $stance) {
    __typename
    ... on MutationSetClaimStanceSuccess { data { id version } }
    ...Refusal
  }
}
${REFUSAL}`;

export const RETRACT_CLAIM = `mutation soakRetractClaim($id: ID!, $reason: String!) {
  retractClaim(id: $id, reason: $reason) {
    __typename
    ... on MutationRetractClaimSuccess { data { id version } }
    ...Refusal
  }
}
${REFUSAL}`;

export const MERGE_CLAIMS = `mutation soakMergeClaims($keep: ID!, $merge: ID!, $expectedVersions: MergeVersions!) {
  mergeClaims(keep: $keep, merge: $merge, expectedVersions: $expectedVersions) {
    __typename
    ... on MutationMergeClaimsSuccess { data { id version } }
    ...Refusal
  }
}
${REFUSAL}`;

/** What a writer looks up to learn the claims a source reports, and their versions. */
export const SOURCE_CLAIMS = `query soakSourceClaims($url: String!) {
  source(url: $url) { claims(first: 10) { edges { node { id key version retracted } } } }
}`;

/** What a writer looks up right before a versioned write: the claims as they are now (null where gone). */
export const CLAIM_VERSIONS = `query soakClaimVersions($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Claim { id key version retracted } }
}`;

/** The change feed, one page: what a syncing client reads. */
export const CHANGES = `query soakChanges($first: Int!, $after: String) {
  changes(first: $first, after: $after) {
    edges { cursor node { sequence commit { sequence } table action before after } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The read queries of the readers, each a question a newsroom asks while the desks write. */
export const READS = {
  timeline: `query soakTimeline($first: Int!) {
    timeline(first: $first) {
      edges { node { __typename ... on Claim { id text speakers { slug } } ... on Event { id slug } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  speakerClaims: `query soakSpeakerClaims($speaker: String!, $first: Int!) {
    claims(filter: { speaker: $speaker }, first: $first) {
      totalCount
      edges { node { id key text version stances { stance proposition { slug } } reports(first: 5) { totalCount } } }
    }
  }`,
  actorPositions: `query soakActorPositions($slug: String!) {
    actor(slug: $slug) { slug positions { stance since { value } proposition { slug } evidence { id } } }
  }`,
  propositionPositions: `query soakPropositionPositions($slug: String!, $first: Int!) {
    proposition(slug: $slug) {
      stanceSummary { supports opposes mixed neutral }
      positionsConnection(first: $first) { totalCount edges { node { stance actor { slug } since { value } } } }
      shifts { from to actor { slug } }
    }
  }`,
  search: `query soakSearch($query: String!, $first: Int!) {
    search(query: $query, first: $first) { edges { rank node { __typename ... on Claim { id } } } }
  }`,
} as const;

export type ReadKind = keyof typeof READS;
