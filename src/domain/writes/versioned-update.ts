import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type * as z from 'zod';
import type { Database } from '../../db/database.js';
import { ValidationError } from '../validation-error.js';
import { ConflictError, NotFoundError } from '../write-errors.js';
import { writeTransaction } from './write-transaction.js';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/** What an update of one kind of entity says of itself; the rest is the same for every entity with a version. */
export interface VersionedEntity<Changes extends z.ZodType<object>> {
  table: VersionedTable;
  /** The entity as its errors name it: "No actor has the id 7". */
  name: string;
  /** The fields an update may name. */
  changes: Changes;
  /** The columns the validated changes write, where they are not the changes as they are. */
  columns?: (changes: z.output<Changes>) => Record<string, unknown>;
  /** A refusal by the database that is the caller's mistake, told as one; undefined for any other error. */
  refusal?: (error: unknown, changes: z.output<Changes>) => ValidationError | undefined;
}

/**
 * The update of an entity with a version: it changes the fields it names, in one write transaction, only if the row
 * is still at `expectedVersion`; otherwise it writes nothing and says why (a ConflictError with the current version,
 * a NotFoundError, a ValidationError).
 */
export function versionedUpdate<Changes extends z.ZodType<object>>(entity: VersionedEntity<Changes>) {
  return async (db: Database, id: number, expectedVersion: number, input: unknown, changedBy: string) => {
    const changes = parseChanges(entity.changes, input);
    const columns = entity.columns ? entity.columns(changes) : (changes as Record<string, unknown>);
    await writeTransaction(db, changedBy, async (tx) => {
      try {
        await updateAtVersion(tx, entity, id, expectedVersion, columns);
      } catch (error) {
        throw entity.refusal?.(error, changes) ?? error;
      }
    });
  };
}

async function updateAtVersion(
  tx: Database,
  { table, name }: { table: VersionedTable; name: string },
  id: number,
  expectedVersion: number,
  columns: Record<string, unknown>,
): Promise<void> {
  const updated = await tx
    .update(table)
    .set(columns as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning({ id: table.id });
  if (updated.length > 0) return;
  const [current] = (await tx.select({ version: table.version }).from(table).where(eq(table.id, id))) as {
    version: number;
  }[];
  if (!current) throw new NotFoundError(`No ${name} has the id ${id}`);
  throw new ConflictError(
    `The ${name} is at version ${current.version}, not ${expectedVersion}: fetch it again and reapply the change`,
    current.version,
  );
}

/** The fields an update names, validated; an update that names none is refused. */
function parseChanges<Schema extends z.ZodType<object>>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['changes']);
  if (Object.keys(parsed.data).length === 0)
    throw new ValidationError([{ path: 'changes', message: 'names nothing to change' }]);
  return parsed.data;
}
