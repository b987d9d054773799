import { createYoga } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import type { Context } from './context.js';
import { schema } from './schema/index.js';

export interface WhosaidOptions {
  /** The database for a request; a Worker opens one per request, a Node server shares one. */
  database: (request: Request) => Database | Promise<Database>;
  graphiql?: boolean;
}

/** The whosaid GraphQL handler, the same on every platform: a fetch function over /graphql. */
export function createWhosaid(options: WhosaidOptions) {
  return createYoga<object, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? true,
    landingPage: false,
    context: async ({ request }) => ({ db: await options.database(request) }),
  });
}
