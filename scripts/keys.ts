// `npm run keys -- create --name NAME --role editor`, `npm run keys -- list`, `npm run keys -- revoke --name NAME`:
// API keys in the embedded database (WHOSAID_DATA_DIR) or, when it is set, the server at DATABASE_URL.
import { parseArgs } from 'node:util';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabase } from '../src/db/open-database.js';
import { keyCommandSchema, runKeyCommand } from '../src/domain/auth/key-commands.js';

const usage = 'usage: npm run keys -- create --name NAME --role reader|editor|admin | list | revoke --name NAME';
const settings = settingsOrExit(databaseSettings);

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, role: { type: 'string' } },
});
const parsed = keyCommandSchema.safeParse({
  command: positionals[0],
  name: values.name,
  role: values.role?.toUpperCase(),
});
if (!parsed.success) {
  console.error(usage);
  process.exit(1);
}

const database = await openDatabase(settings);
try {
  const output = await runKeyCommand(database.db, parsed.data);
  if (output) console.log(output);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
