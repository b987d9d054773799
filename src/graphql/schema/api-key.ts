import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from '../../domain/auth/api-keys.js';
import { builder } from '../builder.js';
import { DateTimeScalar } from './scalars.js';

const ApiKeyRole = builder.enumType('ApiKeyRole', { values: API_KEY_ROLES });

const ApiKey = builder
  .objectRef<{ name: string; role: (typeof API_KEY_ROLES)[number]; createdAt: string; revokedAt: string | null }>(
    'ApiKey',
  )
  .implement({
    description: 'An API key, without the key: only its SHA-256 is kept.',
    fields: (t) => ({
      name: t.exposeString('name'),
      role: t.expose('role', { type: ApiKeyRole }),
      createdAt: t.field({ type: DateTimeScalar, resolve: (key) => key.createdAt }),
      revokedAt: t.field({ type: DateTimeScalar, nullable: true, resolve: (key) => key.revokedAt }),
    }),
  });

const NewApiKey = builder
  .objectRef<{ key: string; name: string; role: (typeof API_KEY_ROLES)[number] }>('NewApiKey')
  .implement({
    fields: (t) => ({
      key: t.exposeString('key', { description: 'Shown this once; send it as Authorization: Bearer <key>.' }),
      name: t.exposeString('name'),
      role: t.expose('role', { type: ApiKeyRole }),
    }),
  });

builder.queryFields((t) => ({
  apiKeys: t.withAuth({ admin: true }).field({
    type: [ApiKey],
    resolve: (_root, _args, ctx) => listApiKeys(ctx.db),
  }),
}));

builder.mutationFields((t) => {
  const admin = t.withAuth({ admin: true });
  return {
    createApiKey: admin.field({
      type: NewApiKey,
      errors: {},
      args: { name: t.arg.string({ required: true }), role: t.arg({ type: ApiKeyRole, required: true }) },
      resolve: async (_root, args, ctx) => {
        const { key, viewer } = await createApiKey(ctx.db, args.name, args.role, ctx.viewer.name);
        return { key, name: viewer.name, role: viewer.role };
      },
    }),
    revokeApiKey: admin.field({
      type: ApiKey,
      errors: {},
      args: { name: t.arg.string({ required: true }) },
      resolve: (_root, args, ctx) => revokeApiKey(ctx.db, args.name, ctx.viewer.name),
    }),
  };
});
