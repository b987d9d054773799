import type { Database } from '../../db/database.js';
import { propositions } from '../../db/schema.js';
import { propositionSchema } from '../bundle/source-bundle.js';
import { ValidationError } from '../validation-error.js';
import { writeTransaction } from './write-transaction.js';

export async function createProposition(db: Database, input: unknown, changedBy: string): Promise<number> {
  const parsed = propositionSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['input']);
  return writeTransaction(db, changedBy, async (tx) => {
    const [created] = await tx
      .insert(propositions)
      .values(parsed.data)
      .onConflictDoNothing({ target: propositions.slug })
      .returning({ id: propositions.id });
    if (!created)
      throw new ValidationError([
        { path: 'input.slug', message: `a proposition "${parsed.data.slug}" already exists` },
      ]);
    return created.id;
  });
}
