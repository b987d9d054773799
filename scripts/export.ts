// `npm run export -- --out FILE.ndjson`: writes the whole archive of the embedded database (WHOSAID_DATA_DIR) or,
// when it is set, the server at DATABASE_URL, as source bundles, one a line, in the order `npm run import` takes
// them back. `--out -` writes to standard output.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabaseOrExit } from '../src/db/open-database.js';
import { exportBundles } from '../src/domain/bundle/export/export-bundles.js';
import { ndjsonLines } from '../src/domain/bundle/export/ndjson.js';

const usage = 'usage: npm run export -- --out FILE.ndjson (or --out - for standard output)';

let out: string | undefined;
try {
  ({
    values: { out },
  } = parseArgs({ options: { out: { type: 'string' } } }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (!out) fail(usage);

const database = await openDatabaseOrExit({ ...settingsOrExit(databaseSettings), command: 'npm run export' });
let lines = 0;
try {
  async function* counted() {
    for await (const line of ndjsonLines(exportBundles(database.db))) {
      lines += 1;
      yield line;
    }
  }
  // pipeline waits for the file to drain before it reads the next page: memory stays flat however big the archive.
  await pipeline(Readable.from(counted()), out === '-' ? process.stdout : createWriteStream(out));
  console.error(`export: ${lines} bundles written to ${out === '-' ? 'standard output' : out}`);
} catch (error) {
  // A reader that stops early (`--out - | head`) is no failure of the export.
  if ((error as NodeJS.ErrnoException).code !== 'EPIPE') {
    console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}

function fail(message: string): never {
  console.error(`export: ${message}`);
  process.exit(1);
}
