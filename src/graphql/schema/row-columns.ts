import { getColumns, type Table } from 'drizzle-orm';

type ColumnsOf<T extends Table> = T['_']['columns'];

/**
 * The columns a type's resolvers may read: all but the search document, which only search reads, inside SQL. Set as
 * a type's default selection, it keeps a tsvector of every row's words out of every answer.
 */
export function rowColumns<T extends Table>(table: T): { [K in Exclude<keyof ColumnsOf<T>, 'searchDocument'>]: true } {
  return Object.fromEntries(
    Object.keys(getColumns(table))
      .filter((key) => key !== 'searchDocument')
      .map((key) => [key, true]),
  ) as { [K in Exclude<keyof ColumnsOf<T>, 'searchDocument'>]: true };
}
