import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { type PositionPair, pairsOf, refreshPositions } from '../../db/positions.js';
import {
  actorRoles,
  actors,
  claimEvents,
  claimSpeakers,
  claimStances,
  claims,
  eventParticipants,
  events,
  propositions,
  sourceAuthors,
  sources,
} from '../../db/schema.js';
import { partialDateValues } from '../partial-date-values.js';
import { ValidationError, type ValidationIssue } from '../validation-error.js';
import { actorRow, roleRow } from '../writes/actor-rows.js';
import { eventRow, participantRow } from '../writes/event-rows.js';
import { placedColumns } from '../writes/placed-columns.js';
import { writeTransaction } from '../writes/write-transaction.js';
import { claimKey } from './claim-key.js';
import { placedOn, type SourceBundle, type SourceInput, sourceBundleSchema } from './source-bundle.js';
import { idsByNaturalKey, type Outcome, replaceChildren, upsertByNaturalKey } from './upsert.js';

export interface ImportSummary {
  sources: Outcome;
  actors: Outcome;
  propositions: Outcome;
  events: Outcome;
  claims: Outcome;
}

/**
 * Validates a source bundle and writes it in one transaction, by natural keys (source url; actor, proposition and
 * event slugs; claim key), so that importing it again changes nothing and an amended bundle updates in place.
 * Throws a ValidationError naming every field that is wrong, having written nothing.
 */
export async function importSourceBundle(
  db: Database,
  input: unknown,
  options: { changedBy?: string; keepStoredSource?: boolean } = {},
): Promise<ImportSummary> {
  const parsed = sourceBundleSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const bundle = parsed.data;
  const keys = await Promise.all(bundle.claims.map((claim) => claimKey(claim, bundle.source.url)));
  const firstIndex = new Map<string, number>();
  const repeats: ValidationIssue[] = [];
  keys.forEach((key, index) => {
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else
      repeats.push({
        path: `claims[${index}]`,
        message: `repeats claims[${first}]: the same speakers, words and date`,
      });
  });
  if (repeats.length > 0) throw new ValidationError(repeats);
  return writeTransaction(db, options.changedBy ?? 'system', (tx) =>
    writeBundle(tx, bundle, keys, options.keepStoredSource ?? false),
  );
}

const dateKeys = (name: string) => ['Start', 'Precision', 'Approximate', 'Text'].map((part) => `${name}${part}`);

async function writeBundle(
  tx: Database,
  bundle: SourceBundle,
  keys: string[],
  keepStoredSource: boolean,
): Promise<ImportSummary> {
  const actorIds = await resolveReferences(tx, bundle);
  await refuseKeysOfOtherSources(tx, bundle.source.url, keys);

  const actorResult = await upsertByNaturalKey(tx, actors, actors.slug, (bundle.actors ?? []).map(actorRow), [
    'name',
    'kind',
    'description',
    'aliases',
  ]);
  for (const [slug, id] of await idsByNaturalKey(tx, actors, actors.slug, actorSlugs(bundle))) actorIds.set(slug, id);
  const actorId = (slug: string) => actorIds.get(slug)!;
  const optionalActorId = (slug: string | undefined) => (slug ? actorId(slug) : null);

  const roles = await replaceChildren(
    tx,
    actorRoles,
    actorRoles.actorId,
    new Map(
      (bundle.actors ?? [])
        .filter((a) => a.roles)
        .map((a) => [
          actorId(a.slug),
          a.roles!.map((role, position) =>
            roleRow(actorId(a.slug), role, optionalActorId(role.organization), position),
          ),
        ]),
    ),
    ['title', 'organizationId', ...dateKeys('began'), ...dateKeys('ended'), 'former', 'position'],
  );

  const propositionResult = await upsertByNaturalKey(
    tx,
    propositions,
    propositions.slug,
    (bundle.propositions ?? []).map((p) => ({ slug: p.slug, statement: p.statement })),
    ['statement'],
  );
  const propositionIds = await idsByNaturalKey(tx, propositions, propositions.slug, propositionSlugs(bundle));

  // The bundle's own source is described by it; a source it only cites is added if missing, never rewritten.
  const citedSources = distinctCitedSources(bundle);
  const sourceRow = (s: SourceInput) => ({
    url: s.url,
    title: s.title,
    kind: s.kind,
    publisherId: optionalActorId(s.publisher),
    ...partialDateValues('published', s.publishedOn),
  });
  const sourceResult = await upsertByNaturalKey(
    tx,
    sources,
    sources.url,
    [sourceRow(bundle.source)],
    keepStoredSource ? [] : ['title', 'kind', 'publisherId', ...dateKeys('published')],
  );
  const citedResult = await upsertByNaturalKey(tx, sources, sources.url, citedSources.map(sourceRow), []);
  const sourceInputs = [
    ...(keepStoredSource ? [] : [bundle.source]),
    ...citedSources.filter((s) => citedResult.created.has(s.url)),
  ];
  const sourceIds = await idsByNaturalKey(tx, sources, sources.url, [
    bundle.source.url,
    ...citedSources.map((s) => s.url),
  ]);
  const authors = await replaceChildren(
    tx,
    sourceAuthors,
    sourceAuthors.sourceId,
    new Map(
      sourceInputs
        .filter((s) => s.authors)
        .map((s) => [
          sourceIds.get(s.url)!,
          s.authors!.map((slug, position) => ({ sourceId: sourceIds.get(s.url)!, actorId: actorId(slug), position })),
        ]),
    ),
    ['actorId', 'position'],
  );

  const eventResult = await upsertByNaturalKey(tx, events, events.slug, (bundle.events ?? []).map(eventRow), [
    'title',
    'kind',
    'description',
    'location',
    ...dateKeys('occurred'),
    ...dateKeys('ended'),
  ]);
  const eventIds = await idsByNaturalKey(tx, events, events.slug, eventSlugs(bundle));
  const participants = await replaceChildren(
    tx,
    eventParticipants,
    eventParticipants.eventId,
    new Map(
      (bundle.events ?? [])
        .filter((e) => e.participants)
        .map((e) => [
          eventIds.get(e.slug)!,
          e.participants!.map((p, position) => participantRow(eventIds.get(e.slug)!, actorId(p.actor), p, position)),
        ]),
    ),
    ['actorId', 'role', 'position'],
  );

  const claimRows = bundle.claims.map((c, index) => {
    return {
      key: keys[index]!,
      text: c.text,
      context: c.context ?? null,
      mode: c.mode,
      medium: c.medium,
      speakerDescription: c.speakerDescription ?? null,
      anonymityReason: c.anonymityReason ?? null,
      viaId: optionalActorId(c.via),
      venueId: optionalActorId(c.venue),
      sourceId: sourceIds.get(bundle.source.url)!,
      firstAppearedInId: c.firstAppearedIn ? sourceIds.get(c.firstAppearedIn.url)! : null,
      ...partialDateValues('said', c.saidOn),
      ...placedColumns(placedOn(c, bundle.source)!),
    };
  });
  const claimResult = await upsertByNaturalKey(tx, claims, claims.key, claimRows, [
    'text',
    'context',
    'mode',
    'medium',
    'speakerDescription',
    'anonymityReason',
    'viaId',
    'venueId',
    'sourceId',
    'firstAppearedInId',
    ...dateKeys('said'),
    'placedStart',
    'placedEnd',
  ]);
  const claimIds = await idsByNaturalKey(tx, claims, claims.key, keys);
  const claimId = (index: number) => claimIds.get(keys[index]!)!;
  const claimChildren = <T>(rows: (index: number) => T[]) =>
    new Map(bundle.claims.map((_, index) => [claimId(index), rows(index) as Record<string, unknown>[]]));

  const speakers = await replaceChildren(
    tx,
    claimSpeakers,
    claimSpeakers.claimId,
    claimChildren((i) =>
      (bundle.claims[i]!.speakers ?? []).map((slug, position) => ({
        claimId: claimId(i),
        actorId: actorId(slug),
        position,
        placedStart: claimRows[i]!.placedStart,
        placedEnd: claimRows[i]!.placedEnd,
      })),
    ),
    ['actorId', 'position'],
  );
  const stances = await replaceChildren(
    tx,
    claimStances,
    claimStances.claimId,
    claimChildren((i) =>
      (bundle.claims[i]!.stances ?? []).map((s) => ({
        claimId: claimId(i),
        propositionId: propositionIds.get(s.proposition)!,
        stance: s.stance,
      })),
    ),
    ['propositionId', 'stance'],
  );
  const claimEventLinks = await replaceChildren(
    tx,
    claimEvents,
    claimEvents.claimId,
    claimChildren((i) =>
      (bundle.claims[i]!.events ?? []).map((slug) => ({ claimId: claimId(i), eventId: eventIds.get(slug)! })),
    ),
    ['eventId'],
  );

  const changedClaims = new Set<number>([
    ...[...claimResult.created, ...claimResult.updated].map((key) => claimIds.get(key)!),
    ...speakers.changed,
    ...stances.changed,
    ...claimEventLinks.changed,
  ]);
  if (changedClaims.size > 0) {
    // Each changed claim bears on its speakers' positions on its propositions, before the import and after.
    const pairs: PositionPair[] = [];
    for (const index of bundle.claims.keys()) {
      const id = claimId(index);
      if (!changedClaims.has(id)) continue;
      const claim = bundle.claims[index]!;
      const actorIds = [...(claim.speakers ?? []).map(actorId), ...previousOf(speakers.previous, id, 'actorId')];
      const stanceOn = [
        ...(claim.stances ?? []).map((s) => propositionIds.get(s.proposition)!),
        ...previousOf(stances.previous, id, 'propositionId'),
      ];
      pairs.push(...pairsOf(actorIds, stanceOn));
    }
    await refreshPositions(tx, pairs);
  }

  return {
    sources: outcome(
      1 + citedSources.length,
      { created: new Set([...sourceResult.created, ...citedResult.created]), updated: sourceResult.updated },
      (url) => sourceIds.get(url)!,
      authors.changed,
    ),
    actors: outcome(bundle.actors?.length ?? 0, actorResult, actorId, roles.changed),
    propositions: outcome(
      bundle.propositions?.length ?? 0,
      propositionResult,
      (slug) => propositionIds.get(slug)!,
      new Set(),
    ),
    events: outcome(bundle.events?.length ?? 0, eventResult, (slug) => eventIds.get(slug)!, participants.changed),
    claims: outcome(bundle.claims.length, claimResult, (key) => claimIds.get(key)!, changedClaims),
  };
}

/** Created rows count as created; rows whose own columns or whose children changed count once as updated. */
function outcome(
  total: number,
  written: { created: Set<string>; updated: Set<string> },
  idOf: (key: string) => number,
  childrenChanged: Set<number>,
): Outcome {
  const createdIds = new Set([...written.created].map(idOf));
  const updatedIds = new Set([...written.updated].map(idOf));
  for (const id of childrenChanged) if (!createdIds.has(id)) updatedIds.add(id);
  return { created: createdIds.size, updated: updatedIds.size, unchanged: total - createdIds.size - updatedIds.size };
}

/** The sources the bundle's claims first appeared in, once each; the bundle's own source is not among them. */
function distinctCitedSources(bundle: SourceBundle): SourceInput[] {
  const byUrl = new Map<string, SourceInput>();
  const issues: ValidationIssue[] = [];
  bundle.claims.forEach((claim, index) => {
    const source = claim.firstAppearedIn;
    if (!source || source.url === bundle.source.url) return;
    const seen = byUrl.get(source.url);
    if (seen && JSON.stringify(seen) !== JSON.stringify(source)) {
      issues.push({
        path: `claims[${index}].firstAppearedIn`,
        message: `describes ${source.url} differently than before in the bundle`,
      });
    }
    if (!seen) byUrl.set(source.url, source);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return [...byUrl.values()];
}

function actorSlugs(bundle: SourceBundle): string[] {
  return actorReferences(bundle).map(([slug]) => slug);
}

function propositionSlugs(bundle: SourceBundle): string[] {
  return [
    ...(bundle.propositions ?? []).map((p) => p.slug),
    ...bundle.claims.flatMap((c) => (c.stances ?? []).map((s) => s.proposition)),
  ];
}

function eventSlugs(bundle: SourceBundle): string[] {
  return [...(bundle.events ?? []).map((e) => e.slug), ...bundle.claims.flatMap((c) => c.events ?? [])];
}

/** Every actor slug the bundle mentions, with where it mentions it. */
function actorReferences(bundle: SourceBundle): [slug: string, path: string][] {
  const refs: [string, string][] = [];
  const add = (slug: string | undefined, path: string) => slug && refs.push([slug, path]);
  const addSource = (source: SourceInput, path: string) => {
    add(source.publisher, `${path}.publisher`);
    source.authors?.forEach((slug, i) => add(slug, `${path}.authors[${i}]`));
  };
  addSource(bundle.source, 'source');
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
  });
  return refs;
}

/** Checks that every slug the bundle refers to is defined in it or already stored; returns the stored actors' ids. */
async function resolveReferences(tx: Database, bundle: SourceBundle): Promise<Map<string, number>> {
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
  return storedActors;
}

function unknown(refs: [string, string][], stored: Map<string, number>, what: string): ValidationIssue[] {
  return refs
    .filter(([slug]) => !stored.has(slug))
    .map(([slug, path]) => ({
      path,
      message: `unknown ${what} "${slug}": define it in the bundle or import it first`,
    }));
}

/** A claim key names one claim of one source: a bundle may not take over another source's claim by its key. */
async function refuseKeysOfOtherSources(tx: Database, sourceUrl: string, keys: string[]): Promise<void> {
  const taken = await tx
    .select({ key: claims.key, url: sources.url })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(and(inArray(claims.key, keys), ne(sources.url, sourceUrl)));
  if (taken.length === 0) return;
  const owner = new Map(taken.map((row) => [row.key, row.url]));
  throw new ValidationError(
    keys.flatMap((key, index) =>
      owner.has(key)
        ? [{ path: `claims[${index}].key`, message: `"${key}" is a claim of another source, ${owner.get(key)}` }]
        : [],
    ),
  );
}

/** A column of the rows a claim had before the import (its speakers, its stances). */
function previousOf(rows: Record<string, unknown>[], claimId: number, column: string): number[] {
  return rows.filter((row) => row.claimId === claimId).map((row) => row[column] as number);
}
