/**
 * A drizzle-backed object known only by its id (and, for a union member, a tag its resolveType reads). plugin-drizzle
 * loads the rest, with whatever the query selects beneath it, in one statement per type for all the ids resolved
 * together (its ModelLoader). Fields that read columns must say so with a `select`, or they would read this bare row.
 */
export const nodeById = <Shape>(id: number, tag: object = {}) => ({ ...tag, id }) as Shape;
