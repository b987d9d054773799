import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  PothosValidationError,
  type SchemaTypes,
} from '@pothos/core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { MAX_ROW_ID } from '../db/database.js';
import { ValidationError } from '../domain/validation-error.js';

/**
 * plugin-relay's decoding, refusing an id that no row can have as one of the wrong type: the database would
 * otherwise be asked for row 99999999999 and refuse the number.
 */
export function decodeRowGlobalID(globalID: string): { typename: string; id: string } {
  const decoded = decodeGlobalID(globalID);
  if (!/^\d{1,10}$/.test(decoded.id) || Number(decoded.id) > MAX_ROW_ID) {
    throw new PothosValidationError(`ID: ${globalID} is not of type: ${decoded.typename}`);
  }
  return decoded;
}

// plugin-relay's words for an id that `t.arg.globalID({ for })` does not take.
const REFUSED_ID = /^(?:ID: (.*) is not of type: (.*)|Invalid global ID: (.*))$/;

/**
 * plugin-relay refuses an id of the wrong type in its own words and as a GraphQL error; whosaid answers it as every
 * other wrong input: a ValidationError naming the argument, which a mutation returns as its result (the errors
 * plugin's unsafelyHandleInputErrors), or BAD_USER_INPUT in a query.
 */
export class RowGlobalIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    // Only a field whose arguments are mapped (plugin-relay maps its global ids) can meet the refusal; every other
    // field keeps its resolver as it is, not turned async.
    if (fieldConfig.argMappers.length === 0) return resolver;
    const answersErrors = Boolean(fieldConfig.extensions?.pothosErrors);
    return async (parent, args, context, info) => {
      try {
        return await resolver(parent, args, context, info);
      } catch (error) {
        const refused = error instanceof PothosValidationError ? REFUSED_ID.exec(error.message) : null;
        if (!refused) throw error;
        const id = refused[1] ?? refused[3]!;
        const message = `"${id}" is not the id of ${refused[2] ? `a ${refused[2]}` : 'anything'}`;
        if (!answersErrors) throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
        throw new ValidationError([{ path: argumentHolding(args, id) ?? '', message }]);
      }
    };
  }
}

/** The path of the argument (or input field) whose value is `id`. */
function argumentHolding(value: unknown, id: string, path = ''): string | undefined {
  if (value === id) return path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = argumentHolding(inner, id, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

declare global {
  // Pothos learns of a plugin through its global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      rowGlobalId: RowGlobalIdPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('rowGlobalId', RowGlobalIdPlugin);
