import { eq, inArray } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { actors, claimEvents, claims, eventParticipants, events } from '../../db/schema.js';
import { partialDateInputSchema } from '../bundle/partial-date-input.js';
import { eventSchema } from '../bundle/source-bundle.js';
import { partialDateValues } from '../partial-date-values.js';
import { ValidationError } from '../validation-error.js';
import { NotFoundError } from '../write-errors.js';
import { eventRow, participantRow } from './event-rows.js';
import { idBySlug } from './id-by-slug.js';
import { versionedUpdate } from './versioned-update.js';
import { writeTransaction } from './write-transaction.js';

/** Records an event with its participants, in one transaction. */
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
    return created.id;
  });
}

const eventChangesSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(500),
    kind: z.string().trim().min(1).max(100),
    description: z.string().trim().min(1).max(5000),
    location: z.string().trim().min(1).max(300),
    occurredOn: partialDateInputSchema,
    endedOn: partialDateInputSchema,
  })
  .partial();

/** Changes the given fields of an event that is still at `expectedVersion`. */
export const updateEvent = versionedUpdate({
  table: events,
  name: 'event',
  changes: eventChangesSchema,
  columns: ({ occurredOn, endedOn, ...fields }) => ({
    ...fields,
    ...(occurredOn ? partialDateValues('occurred', occurredOn) : {}),
    ...(endedOn ? partialDateValues('ended', endedOn) : {}),
  }),
  refusal: (error) =>
    String((error as { cause?: { message?: unknown } }).cause?.message).includes('events_ends_after_start')
      ? new ValidationError([{ path: 'changes.endedOn', message: 'is before occurredOn' }])
      : undefined,
});

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
