import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type Backend, connectTestDatabase, openTestDatabase, type TestDatabase } from './databases.js';

export interface PostgresServer {
  /** A postgres:// URL for the server, for drivers that speak the wire protocol (Neon's, node-postgres). */
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * A real Postgres wire protocol endpoint with a fresh, migrated database: a throwaway database on the server at
 * DATABASE_URL, or, where there is none, PGlite served over TCP by pglite-socket.
 */
export async function startPostgresServer(backend: Backend): Promise<PostgresServer> {
  if (backend === 'postgres') {
    const database = await openTestDatabase('postgres');
    return { url: database.url!, database, close: () => database.close() };
  }
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const database = await connectTestDatabase(url);
  return {
    url,
    database,
    async close() {
      await database.close();
      await server.stop();
      await pglite.close();
    },
  };
}
