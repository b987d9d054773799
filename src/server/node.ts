import { createServer, type IncomingMessage } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { count } from 'drizzle-orm';
import { serverSettings, settingsOrExit } from '../config/settings.js';
import { openDatabase } from '../db/open-database.js';
import { sources } from '../db/schema.js';
import { seedDatabase } from '../domain/seed/seed.js';
import { inProcessRateLimiter } from '../http/rate-limiter.js';
import { statementCounter } from '../http/request-record.js';
import { createWhosaid, type WhosaidOptions } from '../http/whosaid.js';

const config = settingsOrExit(serverSettings);
const database = await openDatabase({ ...config.database, logger: statementCounter });

const [{ sourceCount } = { sourceCount: 0 }] = await database.db.select({ sourceCount: count() }).from(sources);
if (sourceCount === 0) {
  await seedDatabase(database.db);
  console.log('whosaid: loaded the seed dataset');
}

const rateLimiter =
  config.WHOSAID_RATE_LIMIT > 0
    ? inProcessRateLimiter({ limit: config.WHOSAID_RATE_LIMIT, periodSeconds: 60 })
    : undefined;
// GraphiQL with its assets inline (9 MB of HTML), so `npm start` shows it offline; built once, not per page load.
let graphiqlPage: string | undefined;
type ServerContext = { req: IncomingMessage };
// Each of the settings is an option of createWhosaid, of its type: a spread alone would let a stray name through.
const options: Pick<WhosaidOptions<ServerContext>, keyof typeof config.handler> = config.handler;
const yoga = createWhosaid<ServerContext>({
  ...options,
  database: () => database.db,
  rateLimiter: () => rateLimiter,
  clientAddress: (_request, { req }) => req.socket.remoteAddress,
  renderGraphiQL: (page) => (graphiqlPage ??= renderGraphiQL(page)),
  log: (line) => console.log(line),
});
const server = createServer(yoga);
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const where = config.DATABASE_URL ? 'Postgres at DATABASE_URL' : `PGlite in ${config.WHOSAID_DATA_DIR}`;
  console.log(
    `whosaid: GraphQL${config.WHOSAID_GRAPHIQL ? ' and GraphiQL' : ''} at http://${config.HOST}:${port}/graphql (${where})`,
  );
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
