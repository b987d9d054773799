import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';
import { relations } from '../db/relations.js';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DrizzleRelations: typeof relations;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  AuthScopes: { reader: boolean; editor: boolean; admin: boolean };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DrizzlePlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      reader: !ctx.readsRequireKey || ctx.viewer !== null,
      editor: ctx.viewer?.role === 'EDITOR' || ctx.viewer?.role === 'ADMIN',
      admin: ctx.viewer?.role === 'ADMIN',
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? new GraphQLError(`The API key "${ctx.viewer.name}" (${ctx.viewer.role}) may not do this`, {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          })
        : new GraphQLError('This needs an API key: send Authorization: Bearer <key>', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          }),
  },
  relay: { clientMutationId: 'omit', cursorType: 'String' },
  drizzle: {
    client: (ctx) => ctx.db,
    relations,
    getTableConfig,
    maxConnectionSize: 100,
    defaultConnectionSize: 20,
  },
});
