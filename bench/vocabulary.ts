import { en } from '@faker-js/faker';
import { Random } from './random.js';

const word = en.word!;
const person = en.person!;
const location = en.location!;

/**
 * Words put into claims at fixed intervals, and absent from WORDS, so that their frequency is known exactly:
 * `every` n-th claim (by id) holds the word in its text. Search leaves retracted claims out (RATIOS.retracted).
 */
export const PLANTED_TERMS = {
  common: { term: 'economy', every: 4 },
  moderate: { term: 'broadband', every: 100 },
  rare: { term: 'zeppelin', every: 1_000 },
} as const;

/**
 * The words claims are written in, most used first: faker's English nouns, verbs, adjectives and adverbs
 * in a fixed shuffled order. Fixed, whatever the seed, so search terms are known.
 */
export const WORDS: readonly string[] = (() => {
  // No word sharing a stem with a planted term, so that searching for one finds the planted claims only.
  const planted = Object.values(PLANTED_TERMS).map(({ term }) => term.slice(0, 6));
  const lists = [word.noun!, word.verb!, word.adjective!, word.adverb!].map((list) =>
    list.filter((w) => /^[a-z]+$/.test(w) && !planted.some((stem) => w.startsWith(stem))),
  );
  const ranked = [...new Set(lists.flat())];
  // faker's lists are alphabetical: shuffle them (always the same way) so that popularity does not follow the alphabet.
  const random = new Random(0, 'vocabulary');
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  return ranked;
})();

export const FUNCTION_WORDS = [
  'the',
  'a',
  'of',
  'to',
  'and',
  'in',
  'that',
  'is',
  'for',
  'on',
  'we',
  'will',
  'not',
  'this',
];

export const FIRST_NAMES: readonly string[] = (person.first_name as { generic: string[] }).generic;
export const LAST_NAMES: readonly string[] = (person.last_name as { generic: string[] }).generic;
export const CITIES: readonly string[] = location.city_name!;
export const COUNTRIES: readonly string[] = location.country!;

/** The actor who says the most (id 1), under a fixed name so that benchmarks can search for it. */
export const PROLIFIC_ACTOR = {
  name: 'Eleanor Whitcombe',
  slug: 'eleanor-whitcombe',
  misspelled: 'Eleanour Whitcomb',
} as const;

/** Search terms of known frequency in the generated text. */
export const searchTerms = {
  common: PLANTED_TERMS.common.term,
  moderate: PLANTED_TERMS.moderate.term,
  rare: PLANTED_TERMS.rare.term,
  misspelledActor: PROLIFIC_ACTOR.misspelled,
} as const;

export const ROLE_TITLES = [
  'Minister of Finance',
  'Minister of Health',
  'Senator',
  'Mayor',
  'Governor',
  'Chief Executive',
  'Spokesperson',
  'Party Leader',
  'Chief Economist',
  'Committee Chair',
  'Ambassador',
  'President',
  'Secretary of State',
  'Director',
] as const;

export const EVENT_KINDS = [
  'summit',
  'hearing',
  'debate',
  'press-conference',
  'election',
  'protest',
  'vote',
  'rally',
] as const;
export const PARTICIPANT_ROLES = ['host', 'speaker', 'witness', 'moderator', 'candidate'] as const;
export const OUTLET_NAMES = [
  'Herald',
  'Times',
  'Gazette',
  'Post',
  'Chronicle',
  'Tribune',
  'Observer',
  'Courier',
] as const;
export const ORGANIZATION_SUFFIXES = [
  'Group',
  'Institute',
  'Foundation',
  'Holdings',
  'Union',
  'Alliance',
  'Council',
] as const;
export const ANONYMITY_REASONS = [
  'not authorized to speak publicly',
  'feared retaliation',
  'discussing private negotiations',
  'ongoing investigation',
] as const;
export const ANONYMOUS_DESCRIPTIONS = [
  'a senior government official',
  'a person familiar with the negotiations',
  'a former adviser',
  'an industry executive',
  'a party insider',
] as const;
export const CROWD_DESCRIPTIONS = [
  'protesters outside parliament',
  'members of the audience',
  'striking workers',
] as const;
export const RETRACTION_REASONS = [
  "Misattributed: the words were another speaker's",
  'The quotation could not be verified',
  'Corrected after the speaker disputed the wording',
] as const;
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
