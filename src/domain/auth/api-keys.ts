import { and, asc, eq, isNull } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { apiKeys } from '../../db/schema.js';
import { sha256Hex } from '../sha256.js';
import { ValidationError } from '../validation-error.js';
import { NotFoundError } from '../write-errors.js';
import { writeTransaction } from '../writes/write-transaction.js';

export const API_KEY_ROLES = ['READER', 'EDITOR', 'ADMIN'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** Who is calling: the API key's name and role, as checked against the database. */
export interface Viewer {
  keyId: number;
  name: string;
  role: ApiKeyRole;
}

const KEY_PREFIX = 'whosaid_';

export const hashApiKey = sha256Hex;

const keyNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

/**
 * Creates a key from 32 random bytes; the key itself is returned once and only its hash is stored. A name is a key's
 * for ever: a revoked key's name is not given again, so that the audit trail's authors stay unambiguous.
 */
export async function createApiKey(
  db: Database,
  name: string,
  role: ApiKeyRole,
  changedBy = 'system',
): Promise<{ key: string; viewer: Viewer }> {
  const parsed = keyNameSchema.safeParse(name);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['name']);
  const random = crypto.getRandomValues(new Uint8Array(32));
  const key = `${KEY_PREFIX}${Buffer.from(random).toString('base64url')}`;
  const keyHash = await hashApiKey(key);
  const [row] = await writeTransaction(db, changedBy, (tx) =>
    tx
      .insert(apiKeys)
      .values({ name: parsed.data, role, keyHash })
      .onConflictDoNothing({ target: apiKeys.name })
      .returning({ keyId: apiKeys.id, name: apiKeys.name, role: apiKeys.role }),
  );
  if (!row) throw new ValidationError([{ path: 'name', message: `an API key named "${parsed.data}" exists` }]);
  return { key, viewer: row };
}

export function listApiKeys(db: Database) {
  return db
    .select({ name: apiKeys.name, role: apiKeys.role, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(asc(apiKeys.name));
}

/** Revokes the named key and returns it; a NotFoundError when there is no such active key. */
export async function revokeApiKey(db: Database, name: string, changedBy = 'system') {
  const [revoked] = await writeTransaction(db, changedBy, (tx) =>
    tx
      .update(apiKeys)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
      .returning({
        name: apiKeys.name,
        role: apiKeys.role,
        createdAt: apiKeys.createdAt,
        revokedAt: apiKeys.revokedAt,
      }),
  );
  if (!revoked) throw new NotFoundError(`No active key is named "${name}"`);
  return revoked;
}

// A client sends its key with every request, and hashing it (Web Crypto, asynchronous) was a few percent of the CPU
// of a read: the hashes of keys seen lately are kept. Only the hash is remembered against the key, never a verdict,
// so that a revoked key is refused on its next request.
const recentKeyHashes = new Map<string, string>();
const RECENT_KEYS = 1_000;

async function presentedKeyHash(key: string): Promise<string> {
  const known = recentKeyHashes.get(key);
  if (known) return known;
  const hash = await hashApiKey(key);
  if (recentKeyHashes.size >= RECENT_KEYS) recentKeyHashes.clear();
  recentKeyHashes.set(key, hash);
  return hash;
}

/** The viewer an active key belongs to, or null for an unknown or revoked key. */
export async function findViewer(db: Database, key: string): Promise<Viewer | null> {
  const [row] = await db
    .select({ keyId: apiKeys.id, name: apiKeys.name, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, await presentedKeyHash(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}
