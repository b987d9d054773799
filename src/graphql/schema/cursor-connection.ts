import { resolveCursorConnection } from '@pothos/plugin-relay';

type Options<Row> = Parameters<typeof resolveCursorConnection<Promise<Row[]>>>[0];
type Window = Parameters<Parameters<typeof resolveCursorConnection>[1]>[0];

/**
 * plugin-relay's resolveCursorConnection (page size, direction, one row more to know of another page), with Relay's
 * null cursors on a page without edges where it gives the cursor it was asked from, or ''.
 */
export async function cursorConnection<Row>(options: Options<Row>, page: (window: Window) => Promise<Row[]>) {
  const connection = await resolveCursorConnection<Promise<Row[]>>(options, page);
  return {
    edges: connection.edges,
    pageInfo: {
      ...connection.pageInfo,
      startCursor: connection.edges[0]?.cursor ?? null,
      endCursor: connection.edges.at(-1)?.cursor ?? null,
    },
  };
}
