// `npm run db:seed`: migrates the Postgres server in DATABASE_URL and imports the seed bundles (idempotent).
import { openPostgresDatabase } from '../src/db/postgres.js';
import { seedDatabase } from '../src/domain/seed/seed.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the Postgres server to seed');
const database = await openPostgresDatabase(url);
try {
  for (const summary of await seedDatabase(database.db)) console.log(JSON.stringify(summary));
} finally {
  await database.close();
}
