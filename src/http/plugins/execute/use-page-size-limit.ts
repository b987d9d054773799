import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { QUERY_LIMITS } from '../../../graphql/query-limits.js';
import { oncePerDocument } from '../../once-per-document.js';

/**
 * `first` and `last` above the page size are refused, not quietly cut to it. At execute, not validate, since a
 * page size may come in a variable.
 */
export function usePageSizeLimit(): Plugin {
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
