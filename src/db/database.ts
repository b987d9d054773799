import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { relations } from './relations.js';

/** A whosaid database on any driver (PGlite, node-postgres, Neon), or a transaction in one. */
export type Database = PgAsyncDatabase<PgQueryResultHKT, typeof relations>;
