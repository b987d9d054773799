import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { apiKeys } from '../../db/schema.js';
import { sha256Hex } from '../sha256.js';

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

/** Creates a key from 32 random bytes; the key itself is returned once and only its hash is stored. */
export async function createApiKey(
  db: Database,
  name: string,
  role: ApiKeyRole,
): Promise<{ key: string; viewer: Viewer }> {
  const random = crypto.getRandomValues(new Uint8Array(32));
  const key = `${KEY_PREFIX}${Buffer.from(random).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ name: name.trim(), role, keyHash: await hashApiKey(key) })
    .returning({ keyId: apiKeys.id, name: apiKeys.name, role: apiKeys.role });
  return { key, viewer: row! };
}

export function listApiKeys(db: Database) {
  return db
    .select({ name: apiKeys.name, role: apiKeys.role, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(asc(apiKeys.name));
}

/** Revokes the named key; returns false when there is no such active key. */
export async function revokeApiKey(db: Database, name: string): Promise<boolean> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

/** The viewer an active key belongs to, or null for an unknown or revoked key. */
export async function findViewer(db: Database, key: string): Promise<Viewer | null> {
  const [row] = await db
    .select({ keyId: apiKeys.id, name: apiKeys.name, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, await hashApiKey(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}
