// `npm run db:migrate`: applies drizzle/ to the Postgres server in DATABASE_URL (Neon or local).
import { openPostgresDatabase } from '../src/db/postgres.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the Postgres server to migrate');
const database = await openPostgresDatabase(url);
await database.close();
console.log('whosaid: migrations applied');
