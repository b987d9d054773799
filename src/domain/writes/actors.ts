import { eq, max } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { actorRoles, actors } from '../../db/schema.js';
import { actorSchema, type RoleInput, roleSchema } from '../bundle/source-bundle.js';
import { ValidationError } from '../validation-error.js';
import { NotFoundError } from '../write-errors.js';
import { actorRow, roleRow } from './actor-rows.js';
import { listedAt, replaceIdentifiers } from './identifiers.js';
import { versionedUpdate } from './versioned-update.js';
import { writeTransaction } from './write-transaction.js';

const actorChangesSchema = actorSchema.omit({ slug: true, roles: true, identifiers: true }).partial();

/** Creates an actor with its roles and identifiers, in one transaction. */
export async function createActor(db: Database, input: unknown, changedBy: string): Promise<number> {
  const parsed = actorSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['input']);
  const actor = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    const [created] = await tx
      .insert(actors)
      .values(actorRow(actor))
      .onConflictDoNothing({ target: actors.slug })
      .returning({ id: actors.id });
    if (!created)
      throw new ValidationError([{ path: 'input.slug', message: `an actor "${actor.slug}" already exists` }]);
    for (const [index, role] of (actor.roles ?? []).entries())
      await insertRole(tx, created.id, role, `input.roles[${index}]`);
    if (actor.identifiers?.length) {
      await replaceIdentifiers(tx, 'actor', [
        {
          ownerId: created.id,
          owner: actor.slug,
          identifiers: actor.identifiers,
          valuePath: listedAt('input.identifiers'),
        },
      ]);
    }
    return created.id;
  });
}

/** Changes the given fields of an actor that is still at `expectedVersion`. */
export const updateActor = versionedUpdate({ table: actors, name: 'actor', changes: actorChangesSchema });

/** Adds a role after the actor's other roles. */
export async function addRole(db: Database, actorId: number, input: unknown, changedBy: string): Promise<void> {
  const parsed = roleSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['role']);
  await writeTransaction(db, changedBy, async (tx) => {
    const [actor] = await tx.select({ id: actors.id }).from(actors).where(eq(actors.id, actorId)).for('update');
    if (!actor) throw new NotFoundError(`No actor has the id ${actorId}`);
    await insertRole(tx, actorId, parsed.data, 'role');
  });
}

async function insertRole(tx: Database, actorId: number, role: RoleInput, path: string): Promise<void> {
  let organizationId: number | null = null;
  if (role.organization) {
    const [organization] = await tx.select({ id: actors.id }).from(actors).where(eq(actors.slug, role.organization));
    if (!organization)
      throw new ValidationError([{ path: `${path}.organization`, message: `unknown actor "${role.organization}"` }]);
    organizationId = organization.id;
  }
  const [{ last } = { last: null }] = await tx
    .select({ last: max(actorRoles.position) })
    .from(actorRoles)
    .where(eq(actorRoles.actorId, actorId));
  await tx.insert(actorRoles).values(roleRow(actorId, role, organizationId, (last ?? -1) + 1));
}
