import * as z from 'zod';
import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from '../../domain/auth/api-keys.js';
import { ValidationError } from '../../domain/validation-error.js';
import { NotFoundError } from '../../domain/write-errors.js';
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

const keyNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

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
        const name = keyNameSchema.safeParse(args.name);
        if (!name.success) throw ValidationError.fromZod(name.error, ['name']);
        const taken = (await listApiKeys(ctx.db)).some((key) => key.name === name.data);
        if (taken) throw new ValidationError([{ path: 'name', message: `a key named "${name.data}" exists` }]);
        const { key, viewer } = await createApiKey(ctx.db, name.data, args.role);
        return { key, name: viewer.name, role: viewer.role };
      },
    }),
    revokeApiKey: admin.field({
      type: ApiKey,
      errors: {},
      args: { name: t.arg.string({ required: true }) },
      resolve: async (_root, args, ctx) => {
        if (!(await revokeApiKey(ctx.db, args.name))) throw new NotFoundError(`No active key is named "${args.name}"`);
        return (await listApiKeys(ctx.db)).find((key) => key.name === args.name)!;
      },
    }),
  };
});
