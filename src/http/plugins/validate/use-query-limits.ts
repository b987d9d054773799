import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { QUERY_LIMITS } from '../../../graphql/query-limits.js';
import { oncePerDocument } from '../execute/once-per-document.js';

const refuse =
  (code: string, message: (detail: string) => string): GraphQLArmorRejectCallback =>
  (context, error) => {
    const refusal = new GraphQLError(message(error.message), { extensions: { code, http: { status: 400 } } });
    if (context) context.reportError(refusal);
    else throw refusal;
  };

// Armor's messages begin "Syntax Error: " and end with what was found; keep what was found.
const found = (message: string) => /found (\d+)/.exec(message)?.[1] ?? 'more';

/** Refuses deep, wide or long queries cheaply, before they reach the resolvers, each with its own code. */
export function queryLimits(options: { fieldSuggestions: boolean }): Plugin[] {
  const limits: Plugin[] = [
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
    maxTokensPlugin({
      n: QUERY_LIMITS.tokens,
      propagateOnRejection: false,
      onReject: [refuse('QUERY_TOO_LONG', () => `A query may hold at most ${QUERY_LIMITS.tokens} tokens`)],
    }),
    pageSizeLimit(),
  ];
  if (!options.fieldSuggestions) limits.push(blockFieldSuggestionsPlugin());
  return limits;
}

/** `first` and `last` above the page size are refused, not quietly cut to it. */
function pageSizeLimit(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const requested = pageSizes(args.document, args.variableValues ?? {});
      const tooLarge = requested.find(({ size }) => size > QUERY_LIMITS.pageSize);
      if (!tooLarge) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `${tooLarge.argument}: a page holds at most ${QUERY_LIMITS.pageSize} items, not ${tooLarge.size}`,
            {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            },
          ),
        ],
      });
    },
  };
}

type PageSizeArgument =
  | { argument: string; literal: number }
  | { argument: string; variable: string; fallback: number | undefined };

const pageSizeArguments = oncePerDocument(pageSizeArgumentsOf);

function pageSizes(document: DocumentNode, variables: Record<string, unknown>) {
  const found = pageSizeArguments(document);
  const sizes: { argument: string; size: number }[] = [];
  for (const site of found) {
    const value = 'literal' in site ? site.literal : (variables[site.variable] ?? site.fallback);
    if (typeof value === 'number') sizes.push({ argument: site.argument, size: value });
  }
  return sizes;
}

function pageSizeArgumentsOf(document: DocumentNode): PageSizeArgument[] {
  const sites: ({ argument: string; literal: number } | { argument: string; variable: string })[] = [];
  const defaults = new Map<string, number>();
  visit(document, {
    VariableDefinition(node) {
      if (node.defaultValue?.kind === Kind.INT) defaults.set(node.variable.name.value, Number(node.defaultValue.value));
    },
    Argument(node) {
      if (node.name.value !== 'first' && node.name.value !== 'last') return;
      if (node.value.kind === Kind.INT) sites.push({ argument: node.name.value, literal: Number(node.value.value) });
      else if (node.value.kind === Kind.VARIABLE)
        sites.push({ argument: node.name.value, variable: node.value.name.value });
    },
  });
  return sites.map((site) => ('variable' in site ? { ...site, fallback: defaults.get(site.variable) } : site));
}
