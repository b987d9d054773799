// `npm run documents -- register FILE…`: registers trusted documents, from .graphql files (one document each) or JSON
// manifests ({ "<sha256>": "<document>" }, as Relay and GraphQL Code Generator write them), in the embedded database
// (WHOSAID_DATA_DIR) or, when it is set, the server at DATABASE_URL.
import { readFileSync } from 'node:fs';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { openDatabaseOrExit } from '../src/db/open-database.js';
import { registerTrustedDocuments } from '../src/domain/auth/trusted-documents.js';
import { sha256Hex } from '../src/domain/sha256.js';

const [command, ...files] = process.argv.slice(2);
const usage = 'usage: npm run documents -- register FILE.graphql|MANIFEST.json…';

async function documentsIn(file: string): Promise<string[]> {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.json')) return [text];
  const manifest = JSON.parse(text) as Record<string, string>;
  for (const [hash, document] of Object.entries(manifest)) {
    if ((await sha256Hex(document)) !== hash) throw new Error(`${file}: "${hash}" is not the SHA-256 of its document`);
  }
  return Object.values(manifest);
}

const database = await openDatabaseOrExit({ ...settingsOrExit(databaseSettings), command: 'npm run documents' });

try {
  if (command !== 'register' || files.length === 0) throw new Error(usage);
  const documents = (await Promise.all(files.map(documentsIn))).flat();
  for (const sha256 of await registerTrustedDocuments(database.db, documents)) console.log(sha256);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
