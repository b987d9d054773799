// `npm run dev:worker`: the Worker in workerd (wrangler dev, port 8787) against the Postgres server in DATABASE_URL,
// reached through a local bridge that speaks Neon's WebSocket proxy protocol.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresSettings, settingsOrExit } from '../src/config/settings.js';
import { databaseAddress, startNeonBridge } from '../src/dev/neon-ws-bridge.js';

const { databaseUrl: url } = settingsOrExit(postgresSettings);
const bridge = await startNeonBridge({ database: databaseAddress(url) });
console.log(`Neon bridge at ws://${bridge.address}/v1 for ${databaseAddress(url)}`);
// The connection string goes in a private file, not on a command line where any process listing shows it.
const secrets = mkdtempSync(join(tmpdir(), 'whosaid-dev-'));
const envFile = join(secrets, '.env');
writeFileSync(envFile, `DATABASE_URL=${JSON.stringify(url)}\nNEON_WS_PROXY=${bridge.address}\n`, { mode: 0o600 });
const wrangler = spawn('npx', ['wrangler', 'dev', '--port', '8787', '--env-file', envFile], { stdio: 'inherit' });
const stop = () => wrangler.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', async (code) => {
  rmSync(secrets, { recursive: true, force: true });
  await bridge.close();
  process.exit(code ?? 0);
});
