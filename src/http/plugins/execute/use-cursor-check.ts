import { decodeBase64, decodeCursorChunk } from '@pothos/core';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { oncePerDocument } from '../../once-per-document.js';

/**
 * Refuses `after` and `before` cursors of the Drizzle connections (`DC:` once decoded) that hold anything but what
 * whosaid's cursors hold, a string or a finite number or a list of them: the plugin decodes a forged `D:x`, `N:{}`,
 * `O:…`, `Z:` or `T:[]` into values that fail in the code or in SQL. Timeline, search and changes cursors check themselves.
 */
export function useCursorCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const forged = cursors(args.document, args.variableValues ?? {}).find(({ value }) => !isWellFormed(value));
      if (!forged) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`${forged.argument}: "${forged.value.slice(0, 100)}" is not a cursor of this list`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          }),
        ],
      });
    },
  };
}

function isWellFormed(cursor: string): boolean {
  let decoded: string;
  try {
    decoded = decodeBase64(cursor);
  } catch {
    return true; // not ours to judge: the connection refuses it itself
  }
  if (!decoded.startsWith('DC:')) return true;
  try {
    const value: unknown = decodeCursorChunk(decoded.slice(3));
    const plain = (part: unknown) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part));
    return Array.isArray(value) ? value.length > 0 && value.every(plain) : plain(value);
  } catch {
    return true; // the connection's own parser refuses it with a message of its own
  }
}

type CursorArgument = { argument: string; literal: string } | { argument: string; variable: string };

const cursorArguments = oncePerDocument(cursorArgumentsOf);

function cursors(document: DocumentNode, variables: Record<string, unknown>) {
  const sites = cursorArguments(document);
  const found: { argument: string; value: string }[] = [];
  for (const site of sites) {
    const value = 'literal' in site ? site.literal : variables[site.variable];
    if (typeof value === 'string') found.push({ argument: site.argument, value });
  }
  return found;
}

function cursorArgumentsOf(document: DocumentNode): CursorArgument[] {
  const sites: CursorArgument[] = [];
  visit(document, {
    Argument(node) {
      if (node.name.value !== 'after' && node.name.value !== 'before') return;
      if (node.value.kind === Kind.STRING) sites.push({ argument: node.name.value, literal: node.value.value });
      else if (node.value.kind === Kind.VARIABLE)
        sites.push({ argument: node.name.value, variable: node.value.name.value });
    },
  });
  return sites;
}
