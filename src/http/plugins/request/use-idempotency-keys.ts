import { and, eq } from 'drizzle-orm';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../../../db/database.js';
import { databaseFailureOf } from '../../../db/failures.js';
import { idempotentRequests } from '../../../db/schema.js';
import { findViewer, type Viewer } from '../../../domain/auth/api-keys.js';
import { sha256Hex } from '../../../domain/sha256.js';
import { bearerToken } from '../../bearer-token.js';
import { errorResponse } from '../../error-response.js';
import { failureResponse, logUnexpectedError } from '../../mask-error.js';

const MAX_KEY_LENGTH = 200;

/**
 * Makes POSTs with an Idempotency-Key safe to retry: the first answer an API key got for a key is stored and
 * returned again for the same request; the same key with another request is refused.
 */
export function useIdempotencyKeys<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
  log: (line: string) => void,
): Plugin<object, ServerContext> {
  const pending = new WeakMap<Request, { db: Database; apiKeyId: number; key: string; requestHash: string }>();
  return {
    async onRequest({ request, serverContext, endResponse }) {
      if (request.method !== 'POST') return;
      const key = request.headers.get('idempotency-key')?.trim();
      const token = bearerToken(request);
      if (!key || !token) return;
      if (key.length > MAX_KEY_LENGTH) {
        endResponse(
          errorResponse(400, `An Idempotency-Key may hold at most ${MAX_KEY_LENGTH} characters`, {
            code: 'BAD_USER_INPUT',
          }),
        );
        return;
      }
      let db: Database, viewer: Viewer | null, stored: typeof idempotentRequests.$inferSelect | undefined;
      try {
        db = await database(serverContext as ServerContext & YogaInitialContext);
        viewer = await findViewer(db, token);
        if (!viewer) return;
        [stored] = await db
          .select()
          .from(idempotentRequests)
          .where(and(eq(idempotentRequests.apiKeyId, viewer.keyId), eq(idempotentRequests.key, key)));
      } catch (error) {
        // Thrown here, before GraphQL, it would not be masked and answered like the same failure in a resolver.
        endResponse(failureResponse(error, log));
        return;
      }
      // A clone, so that yoga still reads the body; it is within the body limit, which has read it already.
      const requestHash = await sha256Hex(await request.clone().text());
      if (!stored) {
        pending.set(request, { db, apiKeyId: viewer.keyId, key, requestHash });
      } else if (stored.requestHash !== requestHash) {
        endResponse(
          errorResponse(422, 'This Idempotency-Key was used for a different request', { code: 'BAD_USER_INPUT' }),
        );
      } else {
        endResponse(
          new Response(stored.response, {
            status: stored.status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replayed': 'true' },
          }),
        );
      }
    },
    async onResponse({ request, response }) {
      const first = pending.get(request);
      if (!first || response.status >= 500) return;
      const text = await response.clone().text();
      // A failure that a retry may cure is not an answer to keep.
      if (/"code":"(INTERNAL_SERVER_ERROR|UNAVAILABLE|TIMEOUT)"/.test(text)) return;
      // The answer goes out even when it cannot be kept; a retry with the key then runs the request again.
      await first.db
        .insert(idempotentRequests)
        .values({ ...first, status: response.status, response: text })
        .onConflictDoNothing()
        .catch((error: unknown) => {
          const failure = databaseFailureOf(error);
          if (failure !== 'unavailable' && failure !== 'statement-timeout') logUnexpectedError(error, log);
        });
    },
  };
}
