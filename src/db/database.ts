import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { relations } from './relations.js';

/** A whosaid database on any driver (PGlite, node-postgres, Neon), or a transaction in one. */
export type Database = PgAsyncDatabase<PgQueryResultHKT, typeof relations>;

/** How long one SQL statement may run before Postgres cancels it, where nothing else is configured. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
/** The longest statement timeout whosaid may be set to: an hour. */
export const LONGEST_STATEMENT_TIMEOUT_MS = 3_600_000;

/** Rows are numbered by Postgres integers: no row has an id above this. */
export const MAX_ROW_ID = 2_147_483_647;
