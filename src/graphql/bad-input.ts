import { GraphQLError } from 'graphql';

/** An argument the API cannot use, refused with a message that names it (BAD_USER_INPUT). */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
