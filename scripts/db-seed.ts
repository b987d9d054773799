// `npm run db:seed`: migrates the Postgres server in DATABASE_URL and imports the seed bundles (idempotent).
import { postgresSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabase } from '../src/db/open-database.js';
import { seedDatabase } from '../src/domain/seed/seed.js';

const database = await openDatabase(settingsOrExit(postgresSettings));
try {
  for (const summary of await seedDatabase(database.db)) console.log(JSON.stringify(summary));
} finally {
  await database.close();
}
