import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { QUERY_LIMITS } from '../../../graphql/query-limits.js';

const refuse =
  (code: string, message: (detail: string) => string): GraphQLArmorRejectCallback =>
  (context, error) => {
    const refusal = new GraphQLError(message(error.message), { extensions: { code, http: { status: 400 } } });
    if (context) context.reportError(refusal);
    else throw refusal;
  };

// Armor's messages begin "Syntax Error: " and end with what was found; keep what was found.
const found = (message: string) => /found (\d+)/.exec(message)?.[1] ?? 'more';

/**
 * Refuses deep, wide or long queries cheaply, before they reach the resolvers, each with its own code; and, unless
 * `fieldSuggestions`, takes "Did you mean …?" out of validation errors.
 */
export function useQueryLimits(options: { fieldSuggestions: boolean }): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        maxDepthPlugin({
          n: QUERY_LIMITS.depth,
          flattenFragments: true,
          propagateOnRejection: false,
          onReject: [
            refuse(
              'QUERY_TOO_DEEP',
              (m) => `A query may nest at most ${QUERY_LIMITS.depth} levels deep; this one nests ${found(m)}`,
            ),
          ],
        }),
      );
      addPlugin(
        maxAliasesPlugin({
          n: QUERY_LIMITS.aliases,
          propagateOnRejection: false,
          onReject: [
            refuse(
              'TOO_MANY_ALIASES',
              (m) => `A query may use at most ${QUERY_LIMITS.aliases} aliases; this one uses ${found(m)}`,
            ),
          ],
        }),
      );
      addPlugin(
        maxDirectivesPlugin({
          n: QUERY_LIMITS.directives,
          propagateOnRejection: false,
          onReject: [
            refuse(
              'TOO_MANY_DIRECTIVES',
              (m) => `A query may use at most ${QUERY_LIMITS.directives} directives; this one uses ${found(m)}`,
            ),
          ],
        }),
      );
      addPlugin(
        maxTokensPlugin({
          n: QUERY_LIMITS.tokens,
          propagateOnRejection: false,
          onReject: [refuse('QUERY_TOO_LONG', () => `A query may hold at most ${QUERY_LIMITS.tokens} tokens`)],
        }),
      );
      if (!options.fieldSuggestions) addPlugin(blockFieldSuggestionsPlugin());
    },
  };
}
