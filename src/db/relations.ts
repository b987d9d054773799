import { defineRelations } from 'drizzle-orm';
import * as schema from './schema.js';

export const relations = defineRelations(schema, (r) => ({
  actors: {
    roles: r.many.actorRoles({ from: r.actors.id, to: r.actorRoles.actorId, alias: 'role_holder' }),
    // An actor's claims are paged through these rows (src/graphql/schema/spoken-claims.ts), in the order they keep.
    claimLinks: r.many.claimSpeakers(),
    positions: r.many.positions(),
    shifts: r.many.positions({ from: r.actors.id, to: r.positions.actorId, where: { changed: true } }),
    participations: r.many.eventParticipants(),
    identifiers: r.many.actorIdentifiers({ from: r.actors.id, to: r.actorIdentifiers.ownerId }),
    revisions: r.many.revisions({ from: r.actors.id, to: r.revisions.entityId, where: { entityType: 'Actor' } }),
  },
  actorRoles: {
    actor: r.one.actors({ from: r.actorRoles.actorId, to: r.actors.id, alias: 'role_holder', optional: false }),
    organization: r.one.actors({ from: r.actorRoles.organizationId, to: r.actors.id, alias: 'role_organization' }),
  },
  sources: {
    publisher: r.one.actors({ from: r.sources.publisherId, to: r.actors.id, alias: 'publisher' }),
    authorLinks: r.many.sourceAuthors(),
    identifiers: r.many.sourceIdentifiers({ from: r.sources.id, to: r.sourceIdentifiers.ownerId }),
    reports: r.many.claimReports(),
    claims: r.many.claims({
      from: r.sources.id.through(r.claimReports.sourceId),
      to: r.claims.id.through(r.claimReports.claimId),
    }),
  },
  claimReports: {
    claim: r.one.claims({ from: r.claimReports.claimId, to: r.claims.id, optional: false }),
    source: r.one.sources({ from: r.claimReports.sourceId, to: r.sources.id, optional: false }),
  },
  sourceAuthors: {
    source: r.one.sources({ from: r.sourceAuthors.sourceId, to: r.sources.id, optional: false }),
    actor: r.one.actors({ from: r.sourceAuthors.actorId, to: r.actors.id, optional: false }),
  },
  claims: {
    speakerLinks: r.many.claimSpeakers(),
    speakers: r.many.actors({
      from: r.claims.id.through(r.claimSpeakers.claimId),
      to: r.actors.id.through(r.claimSpeakers.actorId),
      alias: 'speakers',
    }),
    via: r.one.actors({ from: r.claims.viaId, to: r.actors.id, alias: 'via' }),
    venue: r.one.actors({ from: r.claims.venueId, to: r.actors.id, alias: 'venue' }),
    recordedFrom: r.one.sources({ from: r.claims.sourceId, to: r.sources.id, alias: 'recorded_from', optional: false }),
    reports: r.many.claimReports(),
    // The same reports again, under names of their own, so that one query can read a claim's earliest report and the
    // report of the source that recorded it beside the paged list.
    earliestReports: r.many.claimReports({ from: r.claims.id, to: r.claimReports.claimId, alias: 'earliest_reports' }),
    recordedReport: r.one.claimReports({
      from: [r.claims.id, r.claims.sourceId],
      to: [r.claimReports.claimId, r.claimReports.sourceId],
      alias: 'recorded_report',
    }),
    primaryReport: r.one.claimReports({
      from: r.claims.id,
      to: r.claimReports.claimId,
      where: { primary: true },
      alias: 'primary_report',
    }),
    attributionEvidence: r.one.sources({
      from: r.claims.attributionEvidenceId,
      to: r.sources.id,
      alias: 'attribution_evidence',
    }),
    merges: r.many.claimMerges(),
    reviews: r.many.claimReviews(),
    translations: r.many.claimTranslations(),
    stances: r.many.claimStances(),
    events: r.many.events({
      from: r.claims.id.through(r.claimEvents.claimId),
      to: r.events.id.through(r.claimEvents.eventId),
    }),
    revisions: r.many.revisions({ from: r.claims.id, to: r.revisions.entityId, where: { entityType: 'Claim' } }),
  },
  claimReviews: {
    claim: r.one.claims({ from: r.claimReviews.claimId, to: r.claims.id, optional: false }),
    reviewer: r.one.actors({ from: r.claimReviews.reviewerId, to: r.actors.id, alias: 'reviewer', optional: false }),
  },
  claimTranslations: {
    claim: r.one.claims({ from: r.claimTranslations.claimId, to: r.claims.id, optional: false }),
    translator: r.one.sources({ from: r.claimTranslations.translatorSourceId, to: r.sources.id }),
  },
  claimMerges: {
    kept: r.one.claims({ from: r.claimMerges.keptClaimId, to: r.claims.id, optional: false }),
  },
  claimSpeakers: {
    claim: r.one.claims({ from: r.claimSpeakers.claimId, to: r.claims.id, optional: false }),
    actor: r.one.actors({ from: r.claimSpeakers.actorId, to: r.actors.id, optional: false }),
  },
  claimStances: {
    claim: r.one.claims({ from: r.claimStances.claimId, to: r.claims.id, optional: false }),
    proposition: r.one.propositions({ from: r.claimStances.propositionId, to: r.propositions.id, optional: false }),
  },
  propositions: {
    stances: r.many.claimStances(),
    positions: r.many.positions(),
    // The same rows again, under a name of their own: Proposition.positionsConnection pages them
    // (src/graphql/schema/held-positions.ts) beside the list of all of them.
    heldPositions: r.many.positions({ from: r.propositions.id, to: r.positions.propositionId }),
    shifts: r.many.positions({ from: r.propositions.id, to: r.positions.propositionId, where: { changed: true } }),
    revisions: r.many.revisions({
      from: r.propositions.id,
      to: r.revisions.entityId,
      where: { entityType: 'Proposition' },
    }),
  },
  events: {
    participants: r.many.eventParticipants(),
    identifiers: r.many.eventIdentifiers({ from: r.events.id, to: r.eventIdentifiers.ownerId }),
    claims: r.many.claims({
      from: r.events.id.through(r.claimEvents.eventId),
      to: r.claims.id.through(r.claimEvents.claimId),
    }),
    revisions: r.many.revisions({ from: r.events.id, to: r.revisions.entityId, where: { entityType: 'Event' } }),
  },
  eventParticipants: {
    event: r.one.events({ from: r.eventParticipants.eventId, to: r.events.id, optional: false }),
    actor: r.one.actors({ from: r.eventParticipants.actorId, to: r.actors.id, optional: false }),
  },
  positions: {
    actor: r.one.actors({ from: r.positions.actorId, to: r.actors.id, optional: false }),
    proposition: r.one.propositions({ from: r.positions.propositionId, to: r.propositions.id, optional: false }),
    evidence: r.one.claims({ from: r.positions.evidenceClaimId, to: r.claims.id, alias: 'evidence', optional: false }),
    sinceClaim: r.one.claims({ from: r.positions.sinceClaimId, to: r.claims.id, alias: 'since', optional: false }),
    previousClaim: r.one.claims({ from: r.positions.previousClaimId, to: r.claims.id, alias: 'previous' }),
    history: r.many.positions({
      from: [r.positions.actorId, r.positions.propositionId],
      to: [r.positions.actorId, r.positions.propositionId],
      alias: 'history',
    }),
  },
  revisions: {
    // None while the transaction that wrote it has not committed.
    commit: r.one.commits({ from: r.revisions.transactionId, to: r.commits.transactionId }),
  },
}));
