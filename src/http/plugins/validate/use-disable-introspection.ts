import { useDisableIntrospection as useYogaDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// What graphql-js' NoSchemaIntrospectionCustomRule, which yoga's plugin adds, says of each field it refuses.
const REFUSED_FIELD = /^GraphQL introspection has been disabled, but the requested query contained the field "(.*)"\.$/;

/** Refuses queries for __schema and __type, the only ways into the schema's description, before anything runs; __typename stays. */
export function useDisableIntrospection(): Plugin {
  const yoga = useYogaDisableIntrospection();
  return {
    onRequestParse: yoga.onRequestParse,
    onValidate(payload) {
      const onValidateEnd = yoga.onValidate?.(payload);
      return (end) => {
        onValidateEnd?.(end);
        if (!end.result.some((error) => REFUSED_FIELD.test(error.message))) return;
        // whosaid's message and code are documented, and graphql-js refuses every field of an introspection type,
        // the `types` and `queryType` inside __schema too: one error for __schema or __type says it all.
        end.setResult(
          end.result.flatMap((error) => {
            const field = REFUSED_FIELD.exec(error.message)?.[1];
            if (field === undefined) return [error];
            if (field !== '__schema' && field !== '__type') return [];
            return [
              new GraphQLError(`Introspection is turned off on this server: "${field}" cannot be queried`, {
                nodes: error.nodes,
                extensions: { code: 'INTROSPECTION_DISABLED' },
              }),
            ];
          }),
        );
      };
    },
  };
}
