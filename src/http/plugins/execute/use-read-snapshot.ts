import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { databaseFailureOf, isAfterFailedStatement } from '../../../db/failures.js';
import type { Context } from '../../../graphql/context.js';
import { readsIdsThenRows } from '../../../graphql/schema/node-by-id.js';
import { oncePerDocument } from '../../once-per-document.js';

/**
 * Runs a query that selects a field reading ids in one statement and their rows in a later one (the timeline,
 * search, a claim's possible duplicates) in one REPEATABLE READ READ ONLY transaction, so that every statement sees
 * the database as the first one did: a claim merged away meanwhile is still on the page, whole, as it was when the
 * page was read. Without it, its stub would have no row to load and the answer would be an internal error. It costs
 * a BEGIN and a COMMIT, and the statements of the page share the transaction's one connection (on PGlite, the one
 * connection there is, which other requests wait for meanwhile), so other operations run as before: a write has a
 * transaction of its own, and most reads are one statement.
 */
export function useReadSnapshot(schema: GraphQLSchema): Plugin {
  const needsSnapshot = oncePerDocument((document) => selectsIdsThenRows(schema, document));
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      if (!needsSnapshot(args.document)) return;
      setExecuteFn((execution) => {
        const context = execution.contextValue as Context;
        // A context of its own, so that nothing plugin-drizzle keeps per context points at the database outside.
        return context.db.transaction(
          async (snapshot) =>
            answeredAsTheirCause(await executeFn({ ...execution, contextValue: { ...context, db: snapshot } })),
          { isolationLevel: 'repeatable read', accessMode: 'read only' },
        );
      });
    },
  };
}

/** Whether any operation or fragment of the document selects a field that reads ids, then rows. */
function selectsIdsThenRows(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        if (field && readsIdsThenRows(field)) found = true;
      },
    }),
  );
  return found;
}

/**
 * A statement that fails ends the snapshot, and the statements of other fields sent after it are refused (25P02),
 * which would be answered as internal errors. They are answered as what stopped them: the statement timeout, or the
 * value the database refused, whose messages speak of the whole request.
 */
function answeredAsTheirCause<Result>(result: Result): Result {
  const errors = (result as { errors?: readonly GraphQLError[] }).errors;
  if (!errors?.some(isAfterFailedStatement)) return result;
  const cause = errors.find((error) => !isAfterFailedStatement(error) && databaseFailureOf(error) !== undefined);
  if (!cause) return result;
  return {
    ...result,
    errors: errors.map((error) =>
      isAfterFailedStatement(error)
        ? new GraphQLError(error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            path: error.path,
            originalError: cause.originalError ?? cause,
          })
        : error,
    ),
  };
}
