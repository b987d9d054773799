// `npm run db:migrate`: applies drizzle/ to the Postgres server in DATABASE_URL (Neon or local).
import { postgresSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabase } from '../src/db/open-database.js';

const database = await openDatabase(settingsOrExit(postgresSettings));
await database.close();
console.log('whosaid: migrations applied');
