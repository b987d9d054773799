import { createYoga, maskError, type YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import type { Context } from './context.js';
import { databaseUnavailableError, isDatabaseUnavailable } from './database-unavailable.js';
import { schema } from './schema/index.js';

export interface WhosaidOptions<ServerContext extends object> {
  /** The database for a request: a Worker opens one per request and passes it in, a Node server shares one. */
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>;
  graphiql?: boolean;
}

/** The whosaid GraphQL handler, the same on every platform: a fetch function over /graphql. */
export function createWhosaid<ServerContext extends object = object>(options: WhosaidOptions<ServerContext>) {
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? true,
    landingPage: false,
    context: async (initial) => ({ db: await options.database(initial) }),
    maskedErrors: {
      maskError: (error, message, isDev) =>
        isDatabaseUnavailable(error) ? databaseUnavailableError(error) : maskError(error, message, isDev),
    },
  });
}
