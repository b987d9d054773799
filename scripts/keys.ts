// `npm run keys -- create --name NAME --role editor`, `npm run keys -- list`, `npm run keys -- revoke --name NAME`:
// API keys in the embedded database (WHOSAID_DATA_DIR) or, when it is set, the server at DATABASE_URL. While
// `npm start` has the embedded database open, which no other process may, the command is sent to it on its keys
// socket, and it answers what the command would have printed.
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { type DataDirectoryOwner, dataDirectoryOwner } from '../src/db/data-directory-lock.js';
import { openDatabaseOrExit } from '../src/db/open-database.js';
import { type KeyCommand, keyCommandSchema, runKeyCommand } from '../src/domain/auth/key-commands.js';

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
const command = parsed.data;

const owner = settings.databaseUrl ? undefined : dataDirectoryOwner(settings.dataDir);
try {
  const output = owner?.keysSocket ? await askServer(owner.keysSocket, owner, command) : await runHere(command);
  if (output) console.log(output);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

async function runHere(command: KeyCommand): Promise<string> {
  const database = await openDatabaseOrExit({ ...settings, command: 'npm run keys' });
  try {
    return await runKeyCommand(database.db, command);
  } finally {
    await database.close();
  }
}

/** The command's output as the server ran it (src/server/keys-socket.ts); its refusal as an Error. */
function askServer(socketPath: string, server: DataDirectoryOwner, command: KeyCommand): Promise<string> {
  return new Promise((resolve, reject) => {
    const asked = request({ socketPath, path: '/', method: 'POST', headers: { 'content-type': 'application/json' } });
    asked.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        const answer = JSON.parse(body) as { output?: string; error?: string };
        if (answer.output !== undefined) resolve(answer.output);
        else reject(new Error(answer.error));
      });
    });
    asked.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `whosaid: the server (pid ${server.pid}) has ${settings.dataDir} open, and does not answer on ${socketPath} ` +
            `(${error.code ?? error.message}): it may be stopping. Run this again in a moment.`,
        ),
      ),
    );
    asked.end(JSON.stringify(command));
  });
}
