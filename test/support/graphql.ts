import type { ExecutionResult } from 'graphql';
import type { Database } from '../../src/db/database.js';
import { createWhosaid } from '../../src/http/whosaid.js';

export type GraphQLClient = <Data = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) => Promise<ExecutionResult<Data> & { status: number }>;

/** Sends GraphQL requests through whosaid's fetch handler, as an HTTP client would; `apiKey` goes as a Bearer token. */
export function graphqlClient(
  db: Database,
  options: { apiKey?: string; readsRequireKey?: boolean } = {},
): GraphQLClient {
  const yoga = createWhosaid({ database: () => db, readsRequireKey: options.readsRequireKey ?? false });
  return async (query, variables, headers = {}) => {
    const response = await yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as ExecutionResult<never>) };
  };
}

/** The data of a request that must succeed. */
export async function data<Data = Record<string, unknown>>(
  client: GraphQLClient,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Data> {
  const result = await client<Data>(query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}
