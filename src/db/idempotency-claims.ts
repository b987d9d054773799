import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Database, LONGEST_STATEMENT_TIMEOUT_MS } from './database.js';
import { idempotentRequests } from './schema.js';

/** An API key's Idempotency-Key, held by the one request that runs it until that request has its answer. */
export interface IdempotencyClaim {
  apiKeyId: number;
  key: string;
  /** The database's time of the claim: it tells this claim from one that took it over. */
  claimedAt: string;
}

export type StoredRequest = typeof idempotentRequests.$inferSelect;

const LEASE_STATEMENT_TIMEOUTS = 6;

/**
 * How long a claim may stay unanswered before its request is taken to have died and a retry runs it again. Every
 * statement of a request is stopped at the statement timeout, and a write is one transaction of a few dozen of them
 * that takes a second or two (the largest, an import of 1,000 claims, 1.2 s in 29 statements): six statement
 * timeouts (a minute by default) are long past any request still alive, and a client whose first try died with its
 * process is let through within about as long. With no statement timeout (0), the longest one counts.
 */
export function claimLeaseMs(statementTimeoutMs: number): number {
  return LEASE_STATEMENT_TIMEOUTS * (statementTimeoutMs || LONGEST_STATEMENT_TIMEOUT_MS);
}

/** Claims the key for a request about to run; undefined when a request has it already. */
export async function claimKey(
  db: Database,
  apiKeyId: number,
  key: string,
  requestHash: string,
): Promise<IdempotencyClaim | undefined> {
  const [claimed] = await db
    .insert(idempotentRequests)
    .values({ apiKeyId, key, requestHash })
    .onConflictDoNothing()
    .returning({ claimedAt: idempotentRequests.claimedAt });
  return claimed && { apiKeyId, key, claimedAt: claimed.claimedAt };
}

/** The key's row: a claim still running (status and response null), or the answer it got. */
export async function storedRequest(db: Database, apiKeyId: number, key: string): Promise<StoredRequest | undefined> {
  const [stored] = await db
    .select()
    .from(idempotentRequests)
    .where(and(eq(idempotentRequests.apiKeyId, apiKeyId), eq(idempotentRequests.key, key)));
  return stored;
}

/**
 * Takes over a claim of the same request left unanswered for longer than the lease. Of several requests that try at
 * once, one does: the others find the claim fresh again.
 */
export async function takeOverStaleClaim(
  db: Database,
  apiKeyId: number,
  key: string,
  requestHash: string,
  leaseMs: number,
): Promise<IdempotencyClaim | undefined> {
  const [taken] = await db
    .update(idempotentRequests)
    .set({ claimedAt: sql`now()` })
    .where(
      and(
        eq(idempotentRequests.apiKeyId, apiKeyId),
        eq(idempotentRequests.key, key),
        eq(idempotentRequests.requestHash, requestHash),
        isNull(idempotentRequests.status),
        sql`${idempotentRequests.claimedAt} < now() - ${leaseMs} * interval '1 millisecond'`,
      ),
    )
    .returning({ claimedAt: idempotentRequests.claimedAt });
  return taken && { apiKeyId, key, claimedAt: taken.claimedAt };
}

/** Stores the answer of the claim's request; false if the claim is no longer its own (it was taken over). */
export async function keepAnswer(
  db: Database,
  claim: IdempotencyClaim,
  answer: { status: number; response: string },
): Promise<boolean> {
  const kept = await db
    .update(idempotentRequests)
    .set(answer)
    .where(stillClaimed(claim))
    .returning({ key: idempotentRequests.key });
  return kept.length > 0;
}

/** Gives the key up, for a retry to run the request again. */
export async function releaseClaim(db: Database, claim: IdempotencyClaim): Promise<void> {
  await db.delete(idempotentRequests).where(stillClaimed(claim));
}

function stillClaimed(claim: IdempotencyClaim) {
  return and(
    eq(idempotentRequests.apiKeyId, claim.apiKeyId),
    eq(idempotentRequests.key, claim.key),
    eq(idempotentRequests.claimedAt, claim.claimedAt),
    isNull(idempotentRequests.status),
  );
}
