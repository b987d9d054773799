import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Headers a browser sends from another site only after a CORS preflight has let it, which is what makes them proof. */
export const CSRF_PROOF_HEADERS = ['x-graphql-yoga-csrf', 'authorization'] as const;

// The content types a cross-site <form> or a "simple" fetch may send without asking the server first.
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Refuses GraphQL requests that any website could make a visitor's browser send here unasked: GETs, and POSTs of
 * form or plain-text bodies, unless they carry a header that only a preflighted request can. POSTs of
 * application/json (GraphiQL's, and every GraphQL client's) are always preflighted cross-site and pass.
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const preflighted =
        contentType !== undefined && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple));
      if (preflighted || CSRF_PROOF_HEADERS.some((header) => request.headers.has(header))) return;
      throw new GraphQLError(
        'A GET or form-encoded request must carry the header X-GraphQL-Yoga-CSRF (any value) or an Authorization header, ' +
          'so that a browser cannot send it from another website unasked; a POST of application/json needs neither',
        { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
      );
    },
  };
}
