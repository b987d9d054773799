import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { type DefinitionNode, type GraphQLSchema, isObjectType } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Answers to anonymous reads, kept for `seconds` in `cache` (this process's memory unless another is given, such as
 * sharedReadCache): the same question asked again is answered without the database. Any write through a process
 * that shares the cache forgets them all at once, since a write changes derived answers (positions, counts, search)
 * of entities it does not return; writes by other processes show within `seconds`. Requests with an API key are
 * never cached, nor served from the cache.
 */
export function useReadCache(schema: GraphQLSchema, seconds: number, cache: Cache = createInMemoryCache()): Plugin {
  const everything = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .map((type) => ({ typename: type.name }));
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          cache,
          session: () => null,
          enabled: (request) => !request.headers.has('authorization'),
          ttl: seconds * 1000,
          // Results say nothing of the cache, so that a cached answer is byte for byte the answer.
          includeExtensionMetadata: false,
        }),
      );
    },
    onExecute({ args }) {
      const writes = args.document.definitions.some(
        (definition: DefinitionNode) =>
          definition.kind === 'OperationDefinition' && definition.operation === 'mutation',
      );
      if (!writes) return;
      return {
        onExecuteDone: async () => {
          await cache.invalidate(everything);
        },
      };
    },
  };
}
