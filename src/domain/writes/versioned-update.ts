import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type * as z from 'zod';
import type { Database } from '../../db/database.js';
import { ValidationError } from '../validation-error.js';
import { ConflictError, NotFoundError } from '../write-errors.js';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Applies `changes` to the row with `id` only if it is still at `expectedVersion`; otherwise writes nothing and
 * says why: a ConflictError with the current version, or a NotFoundError.
 */
export async function updateAtVersion(
  tx: Database,
  table: VersionedTable,
  what: string,
  id: number,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<void> {
  const updated = await tx
    .update(table)
    .set(changes as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning({ id: table.id });
  if (updated.length > 0) return;
  const [current] = (await tx.select({ version: table.version }).from(table).where(eq(table.id, id))) as {
    version: number;
  }[];
  if (!current) throw new NotFoundError(`No ${what} has the id ${id}`);
  throw new ConflictError(
    `The ${what} is at version ${current.version}, not ${expectedVersion}: fetch it again and reapply the change`,
    current.version,
  );
}

/** The fields an update names, validated; an update that names none is refused. */
export function parseChanges<Schema extends z.ZodType<object>>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['changes']);
  if (Object.keys(parsed.data).length === 0)
    throw new ValidationError([{ path: 'changes', message: 'names nothing to change' }]);
  return parsed.data;
}
