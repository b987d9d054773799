import { eq } from 'drizzle-orm';
import { parse } from 'graphql';
import type { Database } from '../../db/database.js';
import { trustedDocuments } from '../../db/schema.js';
import { sha256Hex } from '../sha256.js';
import { ValidationError } from '../validation-error.js';

/**
 * Registers GraphQL documents as trusted, each under the SHA-256 of its exact text (what Apollo's and Relay's
 * persisted queries send as `extensions.persistedQuery.sha256Hash`). Registering one again changes nothing.
 */
export async function registerTrustedDocuments(db: Database, documents: readonly string[]): Promise<string[]> {
  const issues = documents.flatMap((document, index) => {
    try {
      parse(document);
      return [];
    } catch (error) {
      return [{ path: `documents[${index}]`, message: error instanceof Error ? error.message : String(error) }];
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const rows = await Promise.all(documents.map(async (document) => ({ sha256: await sha256Hex(document), document })));
  if (rows.length > 0) await db.insert(trustedDocuments).values(rows).onConflictDoNothing();
  return rows.map((row) => row.sha256);
}

/** The trusted document with this hash, or null. */
export async function findTrustedDocument(db: Database, sha256: string): Promise<string | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const [row] = await db
    .select({ document: trustedDocuments.document })
    .from(trustedDocuments)
    .where(eq(trustedDocuments.sha256, sha256));
  return row?.document ?? null;
}
