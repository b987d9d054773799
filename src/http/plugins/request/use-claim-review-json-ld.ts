import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { type Database, MAX_ROW_ID } from '../../../db/database.js';
import { findViewer } from '../../../domain/auth/api-keys.js';
import { loadClaimReviewJsonLd } from '../../../domain/claim-review/load.js';
import { bearerToken } from '../../bearer-token.js';
import { errorResponse } from '../../error-response.js';

const ROUTE = /^\/claims\/([^/]+)\/claim-review\.jsonld$/;

/**
 * `GET /claims/<id>/claim-review.jsonld`: the schema.org ClaimReview JSON-LD of the claim's fact-check reviews, an
 * array, newest first, for a fact-checker's page. `<id>` is the claim's global id or its key. The same markup as
 * `Claim.claimReviewJsonLd`; a read like any other, so it needs a key where reads do.
 */
export function useClaimReviewJsonLd<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
  readsRequireKey: boolean,
): Plugin<object, ServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      const match = ROUTE.exec(url.pathname);
      if (!match || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const db = await database(serverContext as ServerContext & YogaInitialContext);
      if (readsRequireKey) {
        const key = bearerToken(request);
        if (!key || !(await findViewer(db, key))) {
          endResponse(
            errorResponse(401, 'Reads need an API key: send Authorization: Bearer <key>', { code: 'UNAUTHENTICATED' }),
          );
          return;
        }
      }
      const named = safelyDecoded(match[1]!);
      const markup = named === undefined ? undefined : await loadClaimReviewJsonLd(db, claimNamedBy(named));
      if (!markup) {
        endResponse(errorResponse(404, `No claim has the id or key "${named ?? match[1]}"`, { code: 'NOT_FOUND' }));
        return;
      }
      endResponse(
        new Response(request.method === 'HEAD' ? null : JSON.stringify(markup), {
          headers: { 'content-type': 'application/ld+json; charset=utf-8' },
        }),
      );
    },
  };
}

/** A claim's global id names it by its row; anything else is taken for its key. */
function claimNamedBy(named: string): { id: number } | { key: string } {
  try {
    const { typename, id } = decodeGlobalID(named);
    if (typename === 'Claim' && /^\d{1,10}$/.test(id) && Number(id) <= MAX_ROW_ID) return { id: Number(id) };
  } catch {
    // Not a global id.
  }
  return { key: named };
}

function safelyDecoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
