import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { count } from 'drizzle-orm';
import { openEmbeddedDatabase } from '../db/embedded.js';
import { openPostgresDatabase } from '../db/postgres.js';
import { sources } from '../db/schema.js';
import { statementCounter } from '../graphql/request-log.js';
import { createWhosaid } from '../graphql/yoga.js';
import { seedDatabase } from '../seed/seed.js';
import { readServerConfig } from './config.js';

const config = readServerConfig(process.env);

const opening = { logger: statementCounter, statementTimeoutMs: config.WHOSAID_STATEMENT_TIMEOUT_MS };
const database = config.DATABASE_URL
  ? await openPostgresDatabase(config.DATABASE_URL, opening)
  : (mkdirSync(config.WHOSAID_DATA_DIR, { recursive: true }),
    await openEmbeddedDatabase({ dataDir: config.WHOSAID_DATA_DIR, ...opening }));

const [{ sourceCount } = { sourceCount: 0 }] = await database.db.select({ sourceCount: count() }).from(sources);
if (sourceCount === 0) {
  await seedDatabase(database.db);
  console.log('whosaid: loaded the seed dataset');
}

const yoga = createWhosaid({
  database: () => database.db,
  readsRequireKey: config.WHOSAID_READS_REQUIRE_KEY,
  fieldSuggestions: config.NODE_ENV !== 'production',
  log: (line) => console.log(line),
});
const server = createServer(yoga);
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const where = config.DATABASE_URL ? 'Postgres at DATABASE_URL' : `PGlite in ${config.WHOSAID_DATA_DIR}`;
  console.log(`whosaid: GraphQL and GraphiQL at http://${config.HOST}:${port}/graphql (${where})`);
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`whosaid: ${signal}, shutting down`);
    server.close(() => {
      database.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
    server.closeAllConnections();
  });
}
