// `npm run keys -- create --name NAME --role editor`, `npm run keys -- list`, `npm run keys -- revoke --name NAME`:
// API keys in the embedded database (WHOSAID_DATA_DIR) or, when it is set, the server at DATABASE_URL.
import { parseArgs } from 'node:util';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabase } from '../src/db/open-database.js';
import {
  API_KEY_ROLES,
  type ApiKeyRole,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '../src/domain/auth/api-keys.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, role: { type: 'string' } },
});
const [command] = positionals;
const usage = 'usage: npm run keys -- create --name NAME --role reader|editor|admin | list | revoke --name NAME';

const database = await openDatabase(settingsOrExit(databaseSettings));

try {
  if (command === 'create') {
    const role = values.role?.toUpperCase();
    if (values.name === undefined || !API_KEY_ROLES.includes(role as ApiKeyRole)) throw new Error(usage);
    const { key, viewer } = await createApiKey(database.db, values.name, role as ApiKeyRole, 'keys command');
    console.log(`Created ${viewer.role} key "${viewer.name}". It is shown only this once:\n${key}`);
  } else if (command === 'list') {
    for (const key of await listApiKeys(database.db)) {
      console.log(
        `${key.name}\t${key.role}\tcreated ${key.createdAt}${key.revokedAt ? `\trevoked ${key.revokedAt}` : ''}`,
      );
    }
  } else if (command === 'revoke') {
    if (!values.name) throw new Error(usage);
    const revoked = await revokeApiKey(database.db, values.name, 'keys command');
    console.log(`Revoked "${revoked.name}"`);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
