import { useCSRFPrevention as useYogaCsrfPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses GraphQL requests that any website could make a visitor's browser send here unasked: GETs, and POSTs of
 * form or plain-text bodies, unless they carry a header that only a preflighted request can. POSTs of
 * application/json (GraphiQL's, and every GraphQL client's) are always preflighted cross-site and pass.
 */
export function useCsrfPrevention(): Plugin {
  // Headers a browser sends from another site only after a CORS preflight has let it, which is what makes them proof.
  const yoga = useYogaCsrfPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] });
  return {
    onRequestParse(payload) {
      try {
        return yoga.onRequestParse?.(payload);
      } catch (error) {
        // yoga's refusal names no header and has no code; whosaid's, which README and its tests document, says
        // which header to add and why.
        if ((error as Error | undefined)?.message !== 'Required CSRF header(s) not present') throw error;
        throw new GraphQLError(
          'A GET or form-encoded request must carry the header X-GraphQL-Yoga-CSRF (any value) or an Authorization header, ' +
            'so that a browser cannot send it from another website unasked; a POST of application/json needs neither',
          { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
        );
      }
    },
  };
}
