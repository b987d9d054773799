import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/failures.js';
import { actorIdentifiers, actors, eventIdentifiers, events, sourceIdentifiers, sources } from '../../db/schema.js';
import { replaceChildren } from '../bundle/upsert.js';
import { type Identifier, identifierSchema, isAuthority } from '../identifiers/identifier-input.js';
import { ValidationError, type ValidationIssue } from '../validation-error.js';
import { NotFoundError } from '../write-errors.js';
import { ConcurrentWriteError, writeTransaction } from './write-transaction.js';

export type IdentifiedKind = 'actor' | 'source' | 'event';

/** Where each kind keeps its identifiers, and what names one of its entities in a message (slug, or a source's url). */
const KINDS = {
  actor: { identifiers: actorIdentifiers, owners: actors, name: actors.slug },
  source: { identifiers: sourceIdentifiers, owners: sources, name: sources.url },
  event: { identifiers: eventIdentifiers, owners: events, name: events.slug },
} as const;

/** The identifiers an input gives one entity, and where in the input each value is (`actors[0].identifiers[1].value`). */
export interface OwnedIdentifiers {
  ownerId: number;
  /** The entity's slug, or its url for a source. */
  owner: string;
  identifiers: Identifier[];
  valuePath: (index: number) => string;
}

/** Where the values of a list of identifiers are, in an input that has the list at `path`. */
export const listedAt = (path: string) => (index: number) => `${path}[${index}].value`;

/**
 * Makes each entity's identifiers exactly those given, rewriting only the entities whose set changed. An identifier
 * that another entity of the kind holds, in the database or elsewhere in the input, is refused with its path, and
 * nothing is written. Returns the ids of the entities whose identifiers changed.
 */
export async function replaceIdentifiers(
  tx: Database,
  kind: IdentifiedKind,
  owned: OwnedIdentifiers[],
): Promise<Set<number>> {
  if (owned.length === 0) return new Set();
  await refuseTaken(tx, kind, owned, new Set(owned.map((entry) => entry.ownerId)));
  const { identifiers } = KINDS[kind];
  return insertingUnique(async () => {
    const { changed } = await replaceChildren(
      tx,
      identifiers,
      identifiers.ownerId,
      new Map(
        owned.map((entry) => [
          entry.ownerId,
          entry.identifiers.map((identifier) => ({ ownerId: entry.ownerId, ...identifier })),
        ]),
      ),
      ['scheme', 'value'],
    );
    return changed;
  });
}

/**
 * Refuses an identifier held by another entity of the kind: one in the database, unless its holder is among
 * `rewritten` (whose identifiers are about to be replaced), or one given to two entities of the input.
 */
async function refuseTaken(
  tx: Database,
  kind: IdentifiedKind,
  owned: OwnedIdentifiers[],
  rewritten: Set<number>,
): Promise<void> {
  const { identifiers, owners, name } = KINDS[kind];
  const issues: ValidationIssue[] = [];
  const given = new Map<string, string>();
  for (const entry of owned) {
    entry.identifiers.forEach((identifier, index) => {
      const key = `${identifier.scheme} ${identifier.value}`;
      const other = given.get(key);
      if (other !== undefined && other !== entry.owner) {
        issues.push({
          path: entry.valuePath(index),
          message: `"${identifier.value}" is given to ${other} too`,
        });
      }
      given.set(key, other ?? entry.owner);
    });
  }
  const values = [...new Set(owned.flatMap((entry) => entry.identifiers.map((identifier) => identifier.value)))];
  if (values.length > 0) {
    const held = await tx
      .select({ scheme: identifiers.scheme, value: identifiers.value, ownerId: identifiers.ownerId, owner: name })
      .from(identifiers)
      .innerJoin(owners, eq(owners.id, identifiers.ownerId))
      .where(inArray(identifiers.value, values));
    for (const entry of owned) {
      entry.identifiers.forEach((identifier, index) => {
        const holder = held.find(
          (row) =>
            row.scheme === identifier.scheme &&
            row.value === identifier.value &&
            row.ownerId !== entry.ownerId &&
            !rewritten.has(row.ownerId),
        );
        if (holder) {
          issues.push({
            path: entry.valuePath(index),
            message: `"${identifier.value}" already identifies ${holder.owner}`,
          });
        }
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Runs an insert of identifiers checked to be free: another transaction that took one of them since then is found
 * by the check when the write runs again (writeTransaction does that on a ConcurrentWriteError).
 */
async function insertingUnique<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConcurrentWriteError('An identifier was taken by another write');
    throw error;
  }
}

/** Adds an identifier to an entity; adding one it has already changes nothing. */
export async function addIdentifier(
  db: Database,
  kind: IdentifiedKind,
  ownerId: number,
  input: unknown,
  changedBy: string,
): Promise<void> {
  const identifier = parseIdentifier(input);
  const { identifiers, owners, name } = KINDS[kind];
  await writeTransaction(db, changedBy, async (tx) => {
    const [owner] = await tx.select({ name }).from(owners).where(eq(owners.id, ownerId)).for('update');
    if (!owner) throw new NotFoundError(`No ${kind} has the id ${ownerId}`);
    const current = await tx
      .select({ scheme: identifiers.scheme, value: identifiers.value })
      .from(identifiers)
      .where(eq(identifiers.ownerId, ownerId));
    if (current.some((held) => held.scheme === identifier.scheme && held.value === identifier.value)) return;
    const same = isAuthority(identifier.scheme) && current.find((held) => held.scheme === identifier.scheme);
    if (same) {
      throw new ValidationError([
        {
          path: 'identifier.scheme',
          message: `${owner.name} has the ${identifier.scheme} id "${same.value}" already: remove it first`,
        },
      ]);
    }
    await refuseTaken(
      tx,
      kind,
      [{ ownerId, owner: owner.name, identifiers: [identifier], valuePath: () => 'identifier.value' }],
      new Set(),
    );
    await insertingUnique(() => tx.insert(identifiers).values({ ownerId, ...identifier }));
  });
}

/** Removes an identifier from an entity; a NotFoundError where the entity does not have it. */
export async function removeIdentifier(
  db: Database,
  kind: IdentifiedKind,
  ownerId: number,
  input: unknown,
  changedBy: string,
): Promise<void> {
  const identifier = parseIdentifier(input);
  const { identifiers, owners, name } = KINDS[kind];
  await writeTransaction(db, changedBy, async (tx) => {
    const [owner] = await tx.select({ name }).from(owners).where(eq(owners.id, ownerId));
    if (!owner) throw new NotFoundError(`No ${kind} has the id ${ownerId}`);
    const removed = await tx
      .delete(identifiers)
      .where(
        and(
          eq(identifiers.ownerId, ownerId),
          eq(identifiers.scheme, identifier.scheme),
          eq(identifiers.value, identifier.value),
        ),
      )
      .returning({ value: identifiers.value });
    if (removed.length === 0) {
      throw new NotFoundError(`${owner.name} has no ${identifier.scheme} id "${identifier.value}"`);
    }
  });
}

export function parseIdentifier(input: unknown, path: (string | number)[] = ['identifier']): Identifier {
  const parsed = identifierSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, path);
  return parsed.data;
}
