/**
 * How much data each benchmark size holds, and every ratio the generator uses, in one place. Large is the size the
 * issue names (1M claims, 20k actors, 100k events, 5k propositions); medium and small scale it by 1/10 and 1/1,000.
 */
export const SIZES = {
  small: { claims: 1_000, actors: 20, events: 100, propositions: 5 },
  medium: { claims: 100_000, actors: 2_000, events: 10_000, propositions: 500 },
  large: { claims: 1_000_000, actors: 20_000, events: 100_000, propositions: 5_000 },
} as const;

export type SizeName = keyof typeof SIZES;
export type Size = (typeof SIZES)[SizeName];

export const SIZE_NAMES = Object.keys(SIZES) as SizeName[];

export const RATIOS = {
  /** Every source reports this many claims (a news story quotes a few people). */
  claimsPerSource: 4,
  /** Shares of actors by kind, in this order of ids after the few fixed ones. */
  actorKinds: { PERSON: 0.7, ORGANIZATION: 0.15, GOVERNMENT: 0.08, MEDIA_OUTLET: 0.07 },
  /** Zipf exponents: popularity of the n-th actor as a speaker, of the n-th proposition, of the n-th word. */
  speakerSkew: 1.1,
  propositionSkew: 1.0,
  wordSkew: 1.0,
  /** A person holds 0 to this many roles (mean about half of it). */
  maxRolesPerPerson: 3,
  /** A source has 0 to this many authors. */
  maxAuthorsPerSource: 2,
  /** An event has 1 to this many participants. */
  maxParticipantsPerEvent: 5,
  /** Shares of claims: said by two speakers, by an anonymous speaker (with a reason), by a described crowd (no reason). */
  twoSpeakers: 0.08,
  anonymous: 0.04,
  describedOnly: 0.01,
  /** Shares of claims: through a spokesperson, at a venue, first printed in an earlier source, linked to an event. */
  via: 0.03,
  venue: 0.1,
  firstAppearedIn: 0.05,
  withEvent: 0.3,
  /** Shares of claims taking a stance on one proposition, and on a second one too. */
  withStance: 0.45,
  secondStance: 0.1,
  /** When an actor speaks again on a proposition, the chance the stance differs from the last one. */
  stanceChange: 0.12,
  /** Shares of claims whose date said is known to the day, to the month, to the year (the rest: unknown). */
  saidPrecision: { DAY: 0.72, MONTH: 0.14, YEAR: 0.06 },
  /** Shares of claims retracted, and with context. */
  retracted: 0.025,
  withContext: 0.3,
  /** The archive spans these years; claim ids follow time. */
  firstYear: 2000,
  lastYear: 2025,
} as const;

/** The row counts that follow from a size, for the tables whose counts are fixed rather than drawn. */
export function fixedCounts(size: Size) {
  return {
    actors: size.actors,
    events: size.events,
    propositions: size.propositions,
    claims: size.claims,
    sources: Math.ceil(size.claims / RATIOS.claimsPerSource),
  };
}
