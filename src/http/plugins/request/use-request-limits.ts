import { and, eq } from 'drizzle-orm';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../../../db/database.js';
import { databaseFailureOf } from '../../../db/failures.js';
import { idempotentRequests } from '../../../db/schema.js';
import { findViewer, type Viewer } from '../../../domain/auth/api-keys.js';
import { sha256Hex } from '../../../domain/sha256.js';
import { bearerToken } from '../../bearer-token.js';
import { failureResponse, logUnexpectedError } from '../../mask-error.js';

export const MAX_REQUEST_BYTES = 1024 * 1024;

const errorResponse = (status: number, code: string, message: string) =>
  Response.json({ errors: [{ message, extensions: { code } }] }, { status });

/**
 * Refuses request bodies over 1 MiB, and makes POSTs with an Idempotency-Key safe to retry: the first answer an
 * API key got for a key is stored and returned again for the same request; the same key with another request
 * is refused.
 */
export function requestLimits<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
  log: (line: string) => void,
): Plugin<object, ServerContext> {
  const pending = new WeakMap<Request, { db: Database; apiKeyId: number; key: string; requestHash: string }>();
  return {
    async onRequest({ request, setRequest, serverContext, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (declared > MAX_REQUEST_BYTES) {
        endResponse(
          errorResponse(413, 'PAYLOAD_TOO_LARGE', `A request body may hold at most ${MAX_REQUEST_BYTES} bytes`),
        );
        return;
      }
      const body = await readAtMost(request, MAX_REQUEST_BYTES);
      if (body === null) {
        endResponse(
          errorResponse(413, 'PAYLOAD_TOO_LARGE', `A request body may hold at most ${MAX_REQUEST_BYTES} bytes`),
        );
        return;
      }
      // The body has been read; the request goes on with it in hand.
      const buffered = new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body });
      setRequest(buffered);
      const key = request.headers.get('idempotency-key')?.trim();
      const token = bearerToken(request);
      if (!key || !token) return;
      if (key.length > 200) {
        endResponse(errorResponse(400, 'BAD_USER_INPUT', 'An Idempotency-Key may hold at most 200 characters'));
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
      const requestHash = await sha256Hex(body);
      if (!stored) {
        pending.set(buffered, { db, apiKeyId: viewer.keyId, key, requestHash });
      } else if (stored.requestHash !== requestHash) {
        endResponse(errorResponse(422, 'BAD_USER_INPUT', 'This Idempotency-Key was used for a different request'));
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

/** The body as text, or null as soon as it passes `limit` bytes, however it is sent (declared or chunked). */
async function readAtMost(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
