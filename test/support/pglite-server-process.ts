import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// A Postgres server that a test can kill outright and start again: PGlite on disk behind pglite-socket, in a process
// of its own. Arguments: the data directory and the port (0 for any).
const [dataDir, port = '0'] = process.argv.slice(2);
const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: Number(port), maxConnections: 64 });
await server.start();
console.log(`listening on ${server.getServerConn()}`);
