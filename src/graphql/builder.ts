import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import RelayPlugin from '@pothos/plugin-relay';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { relations } from '../db/relations.js';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DrizzleRelations: typeof relations;
  Scalars: { Date: { Input: string; Output: string } };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin, DrizzlePlugin],
  defaultFieldNullability: false,
  relay: { clientMutationId: 'omit', cursorType: 'String' },
  drizzle: {
    client: (ctx) => ctx.db,
    relations,
    getTableConfig,
    maxConnectionSize: 100,
    defaultConnectionSize: 20,
  },
});
