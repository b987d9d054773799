/**
 * A drizzle-backed object known only by its id. plugin-drizzle loads the rest, with whatever the query selects
 * beneath it, in one statement per type for all the ids resolved together (its ModelLoader).
 */
export const nodeById = <Shape>(id: number) => ({ id }) as Shape;
