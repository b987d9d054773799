// `npm run import -- --in FILE.ndjson`: imports source bundles, one a line (as `npm run export` writes them), into
// the embedded database (WHOSAID_DATA_DIR) or, when it is set, the server at DATABASE_URL. `--in -` reads standard
// input. A line that is not a valid bundle stops it, naming the line and the field; the lines before it stay imported.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabaseOrExit } from '../src/db/open-database.js';
import { BundleLineError, importNdjson } from '../src/domain/bundle/import-ndjson.js';

const usage = 'usage: npm run import -- --in FILE.ndjson (or --in - for standard input)';

let file: string | undefined;
try {
  ({
    values: { in: file },
  } = parseArgs({ options: { in: { type: 'string' } } }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (!file) fail(usage);

const input = file === '-' ? process.stdin : createReadStream(file);
const database = await openDatabaseOrExit({ ...settingsOrExit(databaseSettings), command: 'npm run import' });
let last = 0;
try {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const bundles = await importNdjson(database.db, lines, { onImported: (line) => void (last = line) });
  console.error(`import: ${bundles} bundles imported from ${file === '-' ? 'standard input' : file}`);
} catch (error) {
  console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof BundleLineError) {
    console.error(
      `import: stopped at line ${error.line}; ${last === 0 ? 'nothing was imported' : `lines 1 to ${last} are imported`} (importing them again changes nothing)`,
    );
  }
  process.exitCode = 1;
} finally {
  await database.close();
}

function fail(message: string): never {
  console.error(`import: ${message}`);
  process.exit(1);
}
