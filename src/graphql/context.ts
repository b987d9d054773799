import type { Database } from '../db/database.js';

export interface Context {
  db: Database;
}
