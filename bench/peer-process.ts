// PostGraphile for the benchmark, in a process of its own. Every statement its pg clients send is counted, and the
// count is told to the parent over IPC when it asks.
import pg from 'pg';
import { postgresSettings, settingsOrExit } from '../src/config/settings.js';
import { peerSettings } from './peer-settings.js';

// Its settings first: one it cannot use ends it, naming it, before PostGraphile loads.
const { databaseUrl } = settingsOrExit(postgresSettings);
const { PEER_CONNECTIONS: connections } = settingsOrExit(peerSettings);

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

const { startPostGraphile } = await import('./postgraphile/server.js');
const peer = await startPostGraphile(databaseUrl, connections);
process.on('message', () => process.send!(statements));
process.on('SIGTERM', () => {
  void peer.stop().finally(() => process.exit(0));
});
console.log(`listening at ${peer.url}`);
