import { builder } from '../builder.js';
import { IdentifierInput } from './identifier.js';
import { ActorKind, ClaimMode, Medium, SourceKind, Stance } from './vocabulary.js';

// The source bundle (src/domain/bundle/source-bundle.ts) as GraphQL input; the zod schema there validates it.

export const PartialDateInput = builder.inputType('PartialDateInput', {
  description: 'A date known to the year, month or day: `2017`, `2017-02` or `2017-02-05`.',
  fields: (t) => ({
    value: t.string({ required: true }),
    approximate: t.boolean(),
    text: t.string({ description: 'The original wording: "last February".' }),
  }),
});

export const SourceInput = builder.inputType('SourceInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'An http(s) URL, or a urn: for a document without one.' }),
    title: t.string({ required: true }),
    kind: t.field({ type: SourceKind, required: true }),
    publisher: t.string({ description: 'An actor slug.' }),
    authors: t.stringList({ description: 'Actor slugs.' }),
    publishedOn: t.field({ type: PartialDateInput }),
    identifiers: t.field({
      type: [IdentifierInput],
      description: "Given, the source's identifiers are these; left out, those it has stay.",
    }),
  }),
});

export const RoleInput = builder.inputType('RoleInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    organization: t.string({ description: 'An actor slug.' }),
    start: t.field({ type: PartialDateInput }),
    end: t.field({ type: PartialDateInput }),
    former: t.boolean({ description: 'The role had ended by the time of the source, end date unknown.' }),
  }),
});

export const ActorInput = builder.inputType('ActorInput', {
  fields: (t) => ({
    slug: t.string({ required: true }),
    name: t.string({ required: true }),
    kind: t.field({ type: ActorKind, required: true }),
    description: t.string(),
    aliases: t.stringList(),
    roles: t.field({ type: [RoleInput] }),
    identifiers: t.field({
      type: [IdentifierInput],
      description: "Given, the actor's identifiers are these; left out, those it has stay.",
    }),
  }),
});

export const PropositionInput = builder.inputType('PropositionInput', {
  fields: (t) => ({ slug: t.string({ required: true }), statement: t.string({ required: true }) }),
});

const ParticipantInput = builder.inputType('ParticipantInput', {
  fields: (t) => ({ actor: t.string({ required: true }), role: t.string() }),
});

export const EventInput = builder.inputType('EventInput', {
  fields: (t) => ({
    slug: t.string({ required: true }),
    title: t.string({ required: true }),
    kind: t.string(),
    description: t.string(),
    occurredOn: t.field({ type: PartialDateInput }),
    endedOn: t.field({ type: PartialDateInput }),
    location: t.string(),
    participants: t.field({ type: [ParticipantInput] }),
    identifiers: t.field({
      type: [IdentifierInput],
      description: "Given, the event's identifiers are these; left out, those it has stay.",
    }),
  }),
});

const StanceInput = builder.inputType('StanceInput', {
  fields: (t) => ({
    proposition: t.string({ required: true }),
    stance: t.field({ type: Stance, required: true }),
  }),
});

const ReportPlacementInput = builder.inputType('ReportPlacementInput', {
  description: "Where in its source a report carries the claim, and when, where that is not the source's own date.",
  fields: (t) => ({
    publishedOn: t.field({ type: PartialDateInput }),
    page: t.string(),
    anchor: t.string(),
    startSeconds: t.float(),
    endSeconds: t.float(),
  }),
});

export const RatingInput = builder.inputType('RatingInput', {
  description: "A fact-checker's verdict, as schema.org's Rating: its words and its place on the reviewer's scale.",
  fields: (t) => ({
    alternateName: t.string({ required: true, description: 'The verdict as the reviewer words it: "Mostly false".' }),
    ratingValue: t.float({ required: true, description: 'Where the verdict stands on the scale.' }),
    bestRating: t.float({ required: true, description: 'The end of the scale for a claim found true.' }),
    worstRating: t.float({ required: true, description: 'The end of the scale for a claim found false.' }),
  }),
});

export const ClaimReviewInput = builder.inputType('ClaimReviewInput', {
  description: "A fact-checker's review of the claim, one per url.",
  fields: (t) => ({
    reviewer: t.string({ required: true, description: 'The slug of the actor who published it: politifact.' }),
    url: t.string({ required: true, description: 'The http(s) address of the review.' }),
    publishedOn: t.field({ type: PartialDateInput, required: true }),
    rating: t.field({ type: RatingInput, required: true }),
    claimReviewed: t.string({
      description: "The claim as the reviewer words it, where that differs from the claim's.",
    }),
    ratingExplanation: t.string({ description: 'Why the reviewer rated it so, in a sentence or two.' }),
  }),
});

export const Translator = builder.enumType('Translator', {
  description: 'Who translated a claim.',
  values: {
    SOURCE: { value: 'source', description: 'The source that printed the translation.' },
    EDITORS: { value: 'editors', description: "whosaid's editors." },
  } as const,
});

const TranslationInput = builder.inputType('TranslationInput', {
  description: "The claim's words in another language.",
  fields: (t) => ({
    language: t.string({ required: true, description: 'A BCP 47 language tag: en, de, pt-BR.' }),
    text: t.string({ required: true }),
    by: t.field({ type: Translator, description: "SOURCE (the bundle's source) unless given." }),
  }),
});

export const ClaimInput = builder.inputType('ClaimInput', {
  fields: (t) => ({
    key: t.string({
      description:
        "A natural key; without one, a hash of the source, speakers, text and date is used. Another source's key " +
        'makes this entry a report of that claim.',
    }),
    text: t.string({ required: true }),
    language: t.string({
      description:
        "The words' language, a BCP 47 tag (en, de, pt-BR); en unless given. An entry that reports another " +
        "source's claim leaves the claim's language as it is.",
    }),
    translations: t.field({ type: [TranslationInput] }),
    context: t.string(),
    mode: t.field({ type: ClaimMode, required: true }),
    speakers: t.stringList({ description: 'Actor slugs, in order.' }),
    speakerDescription: t.string(),
    anonymityReason: t.string(),
    via: t.string({ description: 'The slug of the spokesperson.' }),
    saidOn: t.field({ type: PartialDateInput }),
    medium: t.field({ type: Medium, required: true }),
    venue: t.string({ description: 'An actor slug.' }),
    firstAppearedIn: t.field({
      type: SourceInput,
      description: "The document the words were first said in: the claim's primary report.",
    }),
    report: t.field({ type: ReportPlacementInput, description: "Where in the bundle's source, and when." }),
    sameAs: t.string({
      description: "The id of a claim whosaid has: this entry is the source's report of it, not a new claim.",
    }),
    stances: t.field({ type: [StanceInput] }),
    events: t.stringList({ description: 'Event slugs.' }),
    reviews: t.field({
      type: [ClaimReviewInput],
      description: 'Fact-checks of the claim: imported again, a review at the same url is updated in place.',
    }),
  }),
});

export const SourceBundleInput = builder.inputType('SourceBundleInput', {
  description: 'One source and everything it reports; see the README for the rules.',
  fields: (t) => ({
    source: t.field({ type: SourceInput, required: true }),
    actors: t.field({ type: [ActorInput] }),
    propositions: t.field({ type: [PropositionInput] }),
    events: t.field({ type: [EventInput] }),
    claims: t.field({ type: [ClaimInput], required: true }),
  }),
});

/** GraphQL gives absent optional fields as null; the bundle schema, like JSON bundles, leaves them out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== null && field !== undefined)
        .map(([key, field]) => [key, withoutNulls(field)]),
    );
  }
  return value;
}

/**
 * An update's changes for its write function: a field left out, or null, stays as it is, except the `clearable`
 * ones, where null says to clear it.
 */
export function changesClearing(changes: Record<string, unknown>, clearable: readonly string[]): unknown {
  const cleared = clearable.filter((field) => changes[field] === null).map((field) => [field, null]);
  return { ...(withoutNulls(changes) as object), ...Object.fromEntries(cleared) };
}
