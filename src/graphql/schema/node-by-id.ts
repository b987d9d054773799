/**
 * A drizzle-backed object known only by its id (and, for a union member, a tag its resolveType reads). plugin-drizzle
 * loads the rest, with whatever the query selects beneath it, in one statement per type for all the ids resolved
 * together (its ModelLoader). Fields that read columns must say so with a `select`, or they would read this bare row.
 */
export const nodeById = <Shape>(id: number, tag: object = {}) => ({ ...tag, id }) as Shape;

/**
 * The extensions of a field that reads ids in one statement and answers nodeById stubs of claims for them, whose rows
 * load in a later statement: a claim merged away in between would be a node without a row. An operation that
 * selects such a field runs in one snapshot of the database (useReadSnapshot). The actors and propositions that
 * agreement answers by id are never deleted.
 */
export const READS_IDS_THEN_ROWS = { whosaidReadsIdsThenRows: true } as const;

/** Whether a field of the schema carries READS_IDS_THEN_ROWS. */
export const readsIdsThenRows = (field: { extensions?: Readonly<Record<string, unknown>> | null }): boolean =>
  field.extensions?.whosaidReadsIdsThenRows === true;
