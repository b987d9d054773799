import { afterAll, beforeAll } from 'vitest';
import { seedDatabase } from '../../src/domain/seed/seed.js';
import { type Backend, openTestDatabase, type TestDatabase } from './databases.js';
import { type GraphQLClient, graphqlClient } from './graphql.js';

/** A fresh database with the seed dataset for the enclosing describe block, and a GraphQL client over it. */
export function seededApi(backend: Backend): { database: TestDatabase; graphql: GraphQLClient } {
  const api = {} as { database: TestDatabase; graphql: GraphQLClient };
  beforeAll(async () => {
    api.database = await openTestDatabase(backend);
    await seedDatabase(api.database.db);
    api.graphql = graphqlClient(api.database.db);
  });
  afterAll(() => api.database.close());
  return api;
}
