import { eq, inArray } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { actors, claimEvents, claims, eventParticipants, events } from '../../db/schema.js';
import { partialDateInputSchema } from '../bundle/partial-date-input.js';
import { END_NEEDS_START, eventSchema } from '../bundle/source-bundle.js';
import { partialDateValues } from '../partial-date-values.js';
import { ValidationError } from '../validation-error.js';
import { NotFoundError } from '../write-errors.js';
import { eventRow, participantRow } from './event-rows.js';
import { idBySlug } from './id-by-slug.js';
import { listedAt, replaceIdentifiers } from './identifiers.js';
import { versionedUpdate } from './versioned-update.js';
import { writeTransaction } from './write-transaction.js';

/** Records an event with its participants and identifiers, in one transaction. */
export async function recordEvent(db: Database, input: unknown, changedBy: string): Promise<number> {
  const parsed = eventSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['input']);
  const event = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    const slugs = (event.participants ?? []).map((p) => p.actor);
    const known = slugs.length
      ? new Map(
          (await tx.select({ slug: actors.slug, id: actors.id }).from(actors).where(inArray(actors.slug, slugs))).map(
            (a) => [a.slug, a.id],
          ),
        )
      : new Map<string, number>();
    const unknown = slugs.flatMap((slug, index) =>
      known.has(slug) ? [] : [{ path: `input.participants[${index}].actor`, message: `unknown actor "${slug}"` }],
    );
    if (unknown.length > 0) throw new ValidationError(unknown);
    const [created] = await tx
      .insert(events)
      .values(eventRow(event))
      .onConflictDoNothing({ target: events.slug })
      .returning({ id: events.id });
    if (!created)
      throw new ValidationError([{ path: 'input.slug', message: `an event "${event.slug}" already exists` }]);
    if (slugs.length > 0) {
      await tx
        .insert(eventParticipants)
        .values(event.participants!.map((p, position) => participantRow(created.id, known.get(p.actor)!, p, position)));
    }
    if (event.identifiers?.length) {
      await replaceIdentifiers(tx, 'event', [
        {
          ownerId: created.id,
          owner: event.slug,
          identifiers: event.identifiers,
          valuePath: listedAt('input.identifiers'),
        },
      ]);
    }
    return created.id;
  });
}

// A date given as null is cleared; one left out stays as it is.
const eventChangesSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(500),
    kind: z.string().trim().min(1).max(100),
    description: z.string().trim().min(1).max(5000),
    location: z.string().trim().min(1).max(300),
    occurredOn: partialDateInputSchema.nullable(),
    endedOn: partialDateInputSchema.nullable(),
  })
  .partial()
  .superRefine((changes, ctx) => {
    if (changes.endedOn && changes.occurredOn === null) {
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: END_NEEDS_START });
    }
  });

/** Changes the given fields of an event that is still at `expectedVersion`. */
export const updateEvent = versionedUpdate({
  table: events,
  name: 'event',
  changes: eventChangesSchema,
  columns: ({ occurredOn, endedOn, ...fields }) => ({
    ...fields,
    ...(occurredOn !== undefined ? partialDateValues('occurred', occurredOn ?? undefined) : {}),
    ...(endedOn !== undefined ? partialDateValues('ended', endedOn ?? undefined) : {}),
  }),
  refusal: (error, changes) => {
    if (violates(error, 'events_ends_after_start')) {
      return new ValidationError([{ path: 'changes.endedOn', message: 'is before occurredOn' }]);
    }
    // The event keeps an end it has, or is given one, without a start.
    if (violates(error, 'events_end_needs_start')) {
      return changes.endedOn
        ? new ValidationError([{ path: 'changes.endedOn', message: END_NEEDS_START }])
        : new ValidationError([
            { path: 'changes.occurredOn', message: 'cannot be cleared while the event has an endedOn' },
          ]);
    }
    return undefined;
  },
});

function violates(error: unknown, constraint: string): boolean {
  return String((error as { cause?: { message?: unknown } }).cause?.message).includes(constraint);
}

/** Says that a claim is about an event; saying it twice changes nothing. */
export async function linkClaimToEvent(
  db: Database,
  claimId: number,
  eventSlug: string,
  changedBy: string,
): Promise<void> {
  await writeTransaction(db, changedBy, async (tx) => {
    const [claim] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId));
    if (!claim) throw new NotFoundError(`No claim has the id ${claimId}`);
    const eventId = await idBySlug(tx.query.events, 'event', eventSlug);
    await tx.insert(claimEvents).values({ claimId, eventId }).onConflictDoNothing();
  });
}
