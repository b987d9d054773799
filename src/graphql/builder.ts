import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import TracingPlugin, { isExposedField } from '@pothos/plugin-tracing';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { GraphQLError, isListType, isNonNullType } from 'graphql';
import { relations } from '../db/relations.js';
import { ValidationError } from '../domain/validation-error.js';
import { ConflictError, NotFoundError } from '../domain/write-errors.js';
import type { Context, ViewerContext } from './context.js';
import { DEFAULT_PAGE_SIZE, QUERY_LIMITS } from './query-limits.js';
import { withResolverSpan } from './resolver-spans.js';
import { decodeRowGlobalID } from './row-global-id.js';

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
  AuthContexts: { editor: ViewerContext; admin: ViewerContext };
}>({
  // rowGlobalId (./row-global-id.ts) comes after ErrorsPlugin, so that the ValidationError it makes of a refused id is the errors
  // plugin's to answer. TracingPlugin first, so that a resolver's span covers its authorization too.
  plugins: [TracingPlugin, ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DrizzlePlugin, ComplexityPlugin, 'rowGlobalId'],
  defaultFieldNullability: false,
  // Any field that runs code of its own may reach the database; a span is made for those that do, in a traced request
  // (./resolver-spans.ts). A field that exposes its parent's property never does.
  tracing: { default: (config) => !isExposedField(config), wrap: (resolver) => withResolverSpan(resolver) },
  scopeAuth: {
    // A subscription is refused when it opens, as a query would be, not at each event it would be sent.
    authorizeOnSubscribe: true,
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
  complexity: {
    // A page costs what it holds: a connection multiplies what is beneath it by the page it asks for.
    fieldComplexity: (args, _ctx, field) => {
      if (field.args.some((arg) => arg.name === 'first')) {
        const page = args.first ?? args.last;
        return { field: 1, multiplier: typeof page === 'number' ? Math.max(page, 1) : DEFAULT_PAGE_SIZE };
      }
      const type = isNonNullType(field.type) ? field.type.ofType : field.type;
      // A connection's edges are its page, already counted.
      if (!isListType(type) || /Edge!?$/.test(String(type.ofType))) return { field: 1, multiplier: 1 };
      return { field: 1, multiplier: 10 };
    },
    limit: { complexity: QUERY_LIMITS.complexity },
    complexityError: (_kind, result) =>
      new GraphQLError(
        `This query would cost ${result.complexity}, over the limit of ${QUERY_LIMITS.complexity}: ask for smaller pages or fewer nested lists`,
        { extensions: { code: 'QUERY_TOO_COMPLEX', complexity: result.complexity, limit: QUERY_LIMITS.complexity } },
      ),
  },
  // A mutation's failures are results of these types, unless the field names others. Ids that are not ids of the
  // type an argument takes are one of them (ValidationError), so they are handled where arguments are mapped.
  errors: { defaultTypes: [ValidationError, ConflictError, NotFoundError], unsafelyHandleInputErrors: true },
  relay: { clientMutationId: 'omit', cursorType: 'String', decodeGlobalID: decodeRowGlobalID },
  drizzle: {
    client: (ctx) => ctx.db,
    relations,
    getTableConfig,
    maxConnectionSize: QUERY_LIMITS.pageSize,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
});
