/**
 * A mutation's answer: the row that `write` wrote, by the id it returns, loaded in one statement with whatever the selection asks of it
 * (`query` is plugin-drizzle's). The write has committed, so the row is there.
 */
export async function loadWritten<Query, Row>(
  table: { findFirst(options: Query): PromiseLike<Row | undefined> },
  query: (options: { where: { id: number } }) => Query,
  write: () => Promise<number>,
): Promise<Row> {
  const id = await write();
  const row = await table.findFirst(query({ where: { id } }));
  if (row === undefined) throw new Error(`The row ${id} that was just written is not there`);
  return row;
}
