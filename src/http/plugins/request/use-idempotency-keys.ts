import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { type Database, DEFAULT_STATEMENT_TIMEOUT_MS } from '../../../db/database.js';
import { databaseFailureOf } from '../../../db/failures.js';
import {
  claimKey,
  claimLeaseMs,
  type IdempotencyClaim,
  keepAnswer,
  releaseClaim,
  storedRequest,
  takeOverStaleClaim,
} from '../../../db/idempotency-claims.js';
import { findViewer, type Viewer } from '../../../domain/auth/api-keys.js';
import { sha256Hex } from '../../../domain/sha256.js';
import { bearerToken } from '../../bearer-token.js';
import { errorResponse } from '../../error-response.js';
import { failureResponse, logUnexpectedError } from '../../mask-error.js';

const MAX_KEY_LENGTH = 200;
/** How long a retry waits for the answer of the request that holds its key, before it is told to come back. */
const WAIT_MS = 3_000;
const FIRST_POLL_MS = 25;
const LONGEST_POLL_MS = 250;
const RETRY_AFTER_SECONDS = 1;

type Turn =
  | { claim: IdempotencyClaim }
  | { answered: { status: number; response: string } }
  | { refused: 'another-request' }
  | { refused: 'still-running' };

/**
 * Makes POSTs with an Idempotency-Key safe to retry: of the requests an API key sends with one key, one runs and its
 * answer is stored; the others, sent with it or after it, get that answer; the same key with another request is
 * refused. `leaseMs` is how long a request may run before a retry takes it to have died and runs it again.
 */
export function useIdempotencyKeys<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
  log: (line: string) => void,
  leaseMs = claimLeaseMs(DEFAULT_STATEMENT_TIMEOUT_MS),
): Plugin<object, ServerContext> {
  const running = new WeakMap<Request, { db: Database; claim: IdempotencyClaim }>();
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
      // A clone, so that yoga still reads the body; it is within the body limit, which has read it already.
      const requestHash = await sha256Hex(await request.clone().text());
      let db: Database, viewer: Viewer | null, turn: Turn;
      try {
        db = await database(serverContext as ServerContext & YogaInitialContext);
        viewer = await findViewer(db, token);
        if (!viewer) return;
        turn = await claimOrWait(db, viewer.keyId, key, requestHash, leaseMs);
      } catch (error) {
        // Thrown here, before GraphQL, it would not be masked and answered like the same failure in a resolver.
        endResponse(failureResponse(error, log));
        return;
      }
      if ('claim' in turn) {
        running.set(request, { db, claim: turn.claim });
      } else if ('answered' in turn) {
        endResponse(
          new Response(turn.answered.response, {
            status: turn.answered.status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replayed': 'true' },
          }),
        );
      } else if (turn.refused === 'another-request') {
        endResponse(
          errorResponse(422, 'This Idempotency-Key was used for a different request', { code: 'BAD_USER_INPUT' }),
        );
      } else {
        endResponse(
          errorResponse(
            409,
            `The first request with this Idempotency-Key is still running: try again in ${RETRY_AFTER_SECONDS} s for its answer`,
            { code: 'IDEMPOTENCY_KEY_IN_USE', retryAfterSeconds: RETRY_AFTER_SECONDS },
            { 'retry-after': String(RETRY_AFTER_SECONDS) },
          ),
        );
      }
    },
    async onResponse({ request, response }) {
      const owner = running.get(request);
      if (!owner) return;
      const text = response.status < 500 ? await response.clone().text() : '';
      // A failure that a retry may cure is not an answer to keep: the claim is given up, and a retry runs again.
      const keep = response.status < 500 && !/"code":"(INTERNAL_SERVER_ERROR|UNAVAILABLE|TIMEOUT)"/.test(text);
      try {
        if (!keep) await releaseClaim(owner.db, owner.claim);
        else if (!(await keepAnswer(owner.db, owner.claim, { status: response.status, response: text }))) {
          logUnexpectedError(
            new Error(`An Idempotency-Key request ran past its lease of ${leaseMs} ms: its claim was taken over`),
            log,
          );
        }
      } catch (error) {
        // The answer goes out even when it cannot be kept; the claim then stays until its lease has passed, after
        // which a retry runs the request again.
        const failure = databaseFailureOf(error);
        if (failure !== 'unavailable' && failure !== 'statement-timeout') logUnexpectedError(error, log);
      }
    },
  };
}

/**
 * The key for this request to run, or what it gets instead: the answer of the request that ran it, or a refusal.
 * A request that finds the key claimed waits for that claim's answer, polling less often as it waits, up to WAIT_MS.
 */
async function claimOrWait(
  db: Database,
  apiKeyId: number,
  key: string,
  requestHash: string,
  leaseMs: number,
): Promise<Turn> {
  const deadline = Date.now() + WAIT_MS;
  for (let poll = FIRST_POLL_MS; ; poll = Math.min(poll * 2, LONGEST_POLL_MS)) {
    const claim = await claimKey(db, apiKeyId, key, requestHash);
    if (claim) return { claim };
    // Absent again when the request that held the key gave it up: the next round claims it.
    const stored = await storedRequest(db, apiKeyId, key);
    if (stored) {
      if (stored.requestHash !== requestHash) return { refused: 'another-request' };
      const { status, response } = stored;
      if (status !== null && response !== null) return { answered: { status, response } };
      const takenOver = await takeOverStaleClaim(db, apiKeyId, key, requestHash, leaseMs);
      if (takenOver) return { claim: takenOver };
    }
    const left = deadline - Date.now();
    if (left <= 0) return { refused: 'still-running' };
    await new Promise((resolve) => setTimeout(resolve, Math.min(poll, left)));
  }
}
