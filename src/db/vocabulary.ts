/** The words whosaid records things in: the database's enums, which every layer above names them by. */
export const ACTOR_KINDS = ['PERSON', 'ORGANIZATION', 'GOVERNMENT', 'MEDIA_OUTLET'] as const;
export const SOURCE_KINDS = [
  'ARTICLE',
  'INTERVIEW',
  'REPORT',
  'PRESS_RELEASE',
  'OP_ED',
  'BROADCAST',
  'SOCIAL_POST',
] as const;
export const CLAIM_MODES = ['DIRECT_QUOTE', 'PARTIAL_QUOTE', 'PARAPHRASE', 'CHARACTERIZATION'] as const;
export const MEDIA = [
  'INTERVIEW',
  'WRITTEN_EXCHANGE',
  'PRESS_STATEMENT',
  'OP_ED',
  'REPORT',
  'SPEECH',
  'SOCIAL_POST',
  'TESTIMONY',
  'OTHER',
] as const;
export const DATE_PRECISIONS = ['YEAR', 'MONTH', 'DAY'] as const;
export const STANCES = ['SUPPORTS', 'OPPOSES', 'MIXED', 'NEUTRAL'] as const;
/** Whether a claim was really said by whom it is attributed to: a source says so, checked, contested, or not. */
export const ATTRIBUTION_STATUSES = ['REPORTED', 'VERIFIED', 'DISPUTED', 'MISATTRIBUTED'] as const;
/** The registries and pages that identify an actor, a source or an event outside whosaid. */
export const IDENTIFIER_SCHEMES = ['WIKIDATA', 'VIAF', 'ISNI', 'ORCID', 'OPENSANCTIONS', 'WEBSITE', 'SOCIAL'] as const;
/** The schemes of which an entity has at most one id; it may have several web sites and social profiles. */
export const AUTHORITY_SCHEMES = ['WIKIDATA', 'VIAF', 'ISNI', 'ORCID', 'OPENSANCTIONS'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type ClaimMode = (typeof CLAIM_MODES)[number];
export type Medium = (typeof MEDIA)[number];
export type Stance = (typeof STANCES)[number];
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
