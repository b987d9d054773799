import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../../../db/database.js';
import { findTrustedDocument } from '../../../domain/auth/trusted-documents.js';

const CACHED_DOCUMENTS = 1000;

/**
 * Operations sent by hash (`extensions.persistedQuery.sha256Hash`) run the trusted document registered under it. With
 * `only`, nothing else runs: the allow-list mode for production front ends. Without it, a request that carries its
 * query runs that query, so clients that persist queries automatically still work.
 */
export function useTrustedDocuments<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
  only: boolean,
): Plugin<object, ServerContext> {
  // A hash names one text for ever, so what was found once can be kept.
  const found = new Map<string, string>();
  return usePersistedOperations<ServerContext & YogaInitialContext>({
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params, request, context) =>
      !only && params.query ? null : defaultExtractPersistedOperationId(params, request, context),
    async getPersistedOperation(sha256, _request, context) {
      const cached = found.get(sha256);
      if (cached) return cached;
      const document = await findTrustedDocument(await database(context), sha256);
      if (document && found.size < CACHED_DOCUMENTS) found.set(sha256, document);
      return document;
    },
    customErrors: {
      notFound: {
        message: 'No trusted document has this sha256Hash: register it first (npm run documents -- register)',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          'This server runs trusted documents only: send extensions.persistedQuery.sha256Hash of a registered one',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send extensions.persistedQuery { version: 1, sha256Hash } of a registered document',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
    },
  }) as Plugin<object, ServerContext>;
}
