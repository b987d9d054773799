import type { Database } from '../../../db/database.js';
import { actors, events, propositions } from '../../../db/schema.js';
import { ValidationError, type ValidationIssue } from '../../validation-error.js';
import type { ParsedBundle, SourceInput } from '../source-bundle.js';
import { idsByNaturalKey } from '../upsert.js';

/** Every actor slug the bundle mentions, with where it mentions it. */
export function actorReferences(bundle: ParsedBundle): [slug: string, path: string][] {
  const refs: [string, string][] = [];
  const add = (slug: string | undefined, path: string) => slug && refs.push([slug, path]);
  const addSource = (source: SourceInput, path: string) => {
    add(source.publisher, `${path}.publisher`);
    source.authors?.forEach((slug, i) => add(slug, `${path}.authors[${i}]`));
  };
  if (bundle.source) addSource(bundle.source, 'source');
  bundle.actors?.forEach((actor, i) => {
    add(actor.slug, `actors[${i}].slug`);
    actor.roles?.forEach((role, j) => add(role.organization, `actors[${i}].roles[${j}].organization`));
  });
  bundle.events?.forEach((event, i) =>
    event.participants?.forEach((p, j) => add(p.actor, `events[${i}].participants[${j}].actor`)),
  );
  bundle.claims.forEach((claim, i) => {
    claim.speakers?.forEach((slug, j) => add(slug, `claims[${i}].speakers[${j}]`));
    add(claim.via, `claims[${i}].via`);
    add(claim.venue, `claims[${i}].venue`);
    if (claim.firstAppearedIn) addSource(claim.firstAppearedIn, `claims[${i}].firstAppearedIn`);
    claim.reviews?.forEach((review, j) => add(review.reviewer, `claims[${i}].reviews[${j}].reviewer`));
    if (claim.attribution) addSource(claim.attribution.evidence, `claims[${i}].attribution.evidence`);
  });
  return refs;
}

/** The ids of stored actors and propositions a bundle refers to without defining them. */
export interface StoredReferences {
  actors: Map<string, number>;
  propositions: Map<string, number>;
}

/** Checks that every slug the bundle refers to is defined in it or already stored; returns the stored ones' ids. */
export async function resolveReferences(tx: Database, bundle: ParsedBundle): Promise<StoredReferences> {
  const defined = {
    actors: new Set((bundle.actors ?? []).map((a) => a.slug)),
    propositions: new Set((bundle.propositions ?? []).map((p) => p.slug)),
    events: new Set((bundle.events ?? []).map((e) => e.slug)),
  };
  const actorRefs = actorReferences(bundle).filter(([slug]) => !defined.actors.has(slug));
  const propositionRefs = bundle.claims
    .flatMap((c, i) =>
      (c.stances ?? []).map((s, j): [string, string] => [s.proposition, `claims[${i}].stances[${j}].proposition`]),
    )
    .filter(([slug]) => !defined.propositions.has(slug));
  const eventRefs = bundle.claims
    .flatMap((c, i) => (c.events ?? []).map((slug, j): [string, string] => [slug, `claims[${i}].events[${j}]`]))
    .filter(([slug]) => !defined.events.has(slug));

  // One after another: a transaction is one connection, and node-postgres deprecates queueing queries on it.
  const storedActors = await idsByNaturalKey(
    tx,
    actors,
    actors.slug,
    actorRefs.map(([slug]) => slug),
  );
  const storedPropositions = await idsByNaturalKey(
    tx,
    propositions,
    propositions.slug,
    propositionRefs.map(([slug]) => slug),
  );
  const storedEvents = await idsByNaturalKey(
    tx,
    events,
    events.slug,
    eventRefs.map(([slug]) => slug),
  );
  const issues: ValidationIssue[] = [
    ...unknown(actorRefs, storedActors, 'actor'),
    ...unknown(propositionRefs, storedPropositions, 'proposition'),
    ...unknown(eventRefs, storedEvents, 'event'),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  return { actors: storedActors, propositions: storedPropositions };
}

function unknown(refs: [string, string][], stored: Map<string, number>, what: string): ValidationIssue[] {
  return refs
    .filter(([slug]) => !stored.has(slug))
    .map(([slug, path]) => ({
      path,
      message: `unknown ${what} "${slug}": define it in the bundle or import it first`,
    }));
}
