import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { count } from 'drizzle-orm';
import { serverSettings, settingsOrExit } from '../config/settings.js';
import { ChangeFeedHub, closeSubscriptions, subscriptionsOpen } from '../db/change-feed-follower.js';
import { openDatabaseOrExit } from '../db/open-database.js';
import { sources } from '../db/schema.js';
import { seedDatabase } from '../domain/seed/seed.js';
import { traceResolvers } from '../graphql/resolver-spans.js';
import { resolverSpans, statementSpans } from '../http/database-spans.js';
import { forwardedClientAddress } from '../http/forwarded-client-address.js';
import { useMetrics } from '../http/plugins/request/use-metrics.js';
import { useTracing } from '../http/plugins/request/use-tracing.js';
import { inProcessRateLimiter } from '../http/rate-limiter.js';
import { openRedisLink } from '../http/redis-link.js';
import { statementCounter } from '../http/request-record.js';
import { sharedRateLimiter } from '../http/shared-rate-limiter.js';
import { sharedReadCache } from '../http/shared-read-cache.js';
import { createWhosaid, type WhosaidOptions } from '../http/whosaid.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { KEYS_SOCKET_FILE, type KeysSocket, listenForKeyCommands } from './keys-socket.js';
import { startTracing } from './tracing.js';

const config = settingsOrExit(serverSettings);
const tracing = config.tracing && startTracing(config.tracing);
if (tracing) traceResolvers(resolverSpans());
const database = await openDatabaseOrExit({
  ...config.database,
  command: 'npm start',
  logger: statementCounter,
  traceStatement: tracing && statementSpans(tracing.tracer),
});

const [{ sourceCount } = { sourceCount: 0 }] = await database.db.select({ sourceCount: count() }).from(sources);
if (sourceCount === 0) {
  await seedDatabase(database.db);
  console.log('whosaid: loaded the seed dataset');
}

// Subscriptions: one reader of the change feed for the process, woken by each commit of any process (LISTEN).
const changeFeed = await ChangeFeedHub.start(database.db, { listen: database.listenForCommits });

// Several instances behind a balancer share their rate limit and read cache through Redis; one keeps them itself.
const redisLink = config.WHOSAID_REDIS_URL
  ? openRedisLink(config.WHOSAID_REDIS_URL, config.WHOSAID_REDIS_PREFIX, (line) => console.log(line))
  : undefined;
const rateLimit = { limit: config.WHOSAID_RATE_LIMIT, periodSeconds: 60 };
const rateLimiter =
  rateLimit.limit > 0
    ? redisLink
      ? sharedRateLimiter(redisLink, rateLimit)
      : inProcessRateLimiter(rateLimit)
    : undefined;
// GraphiQL with its assets inline (9 MB of HTML), so `npm start` shows it offline; built once, not per page load.
let graphiqlPage: string | undefined;
type ServerContext = { req: IncomingMessage };
// Each of the settings is an option of createWhosaid, of its type: a spread alone would let a stray name through.
const options: Pick<WhosaidOptions<ServerContext>, keyof typeof config.handler> = config.handler;
const yoga = createWhosaid<ServerContext>({
  ...options,
  database: () => database.db,
  changeFeed,
  rateLimiter: () => rateLimiter,
  readCacheStore: redisLink && config.handler.readCacheSeconds > 0 ? sharedReadCache(redisLink) : undefined,
  clientAddress: (request, { req }) =>
    (config.WHOSAID_TRUST_PROXY ? forwardedClientAddress(request) : undefined) ?? req.socket.remoteAddress,
  renderGraphiQL: (page) => (graphiqlPage ??= renderGraphiQL(page)),
  log: (line) => console.log(line),
  metrics:
    config.metrics && useMetrics({ access: config.metrics, connections: database.connections, subscriptionsOpen }),
  tracing: tracing && useTracing(tracing.tracer),
});

// `npm run keys` cannot open the embedded database while this process has it, so it asks this process instead.
let keysSocket: KeysSocket | undefined;
if (database.lock) {
  try {
    keysSocket = await listenForKeyCommands(join(config.WHOSAID_DATA_DIR, KEYS_SOCKET_FILE), database.db, (line) =>
      console.log(line),
    );
  } catch (error) {
    console.log(`whosaid: npm run keys cannot reach this server while it runs: ${(error as Error).message}`);
  }
}

const server = createServer(yoga);
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST}:${port}/graphql`;
  // Before the line that says it listens, so that whoever waits for that line finds the URL and socket in the lock.
  database.lock?.describe({ url, keysSocket: keysSocket?.path });
  const where = config.DATABASE_URL ? 'Postgres at DATABASE_URL' : `PGlite in ${config.WHOSAID_DATA_DIR}`;
  console.log(`whosaid: GraphQL${config.WHOSAID_GRAPHIQL ? ' and GraphiQL' : ''} at ${url} (${where})`);
});

const shutdown = gracefulShutdown(server, config.WHOSAID_SHUTDOWN_TIMEOUT_MS);
shutdown.onShutdown(async () => {
  await keysSocket?.close();
  // Each open subscription's stream ends with its complete event, so that its client reconnects elsewhere.
  closeSubscriptions();
  await changeFeed.stop();
});
shutdown.afterDrain(async () => {
  await redisLink?.close();
});
// Last: closing the database releases the data directory's lock.
shutdown.afterDrain(async () => {
  await database.close();
  // After the database, so that the spans of the last statements go too.
  await tracing?.shutdown();
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`whosaid: ${signal}, shutting down (requests in flight have ${config.WHOSAID_SHUTDOWN_TIMEOUT_MS} ms)`);
    shutdown.shutDown().then(
      ({ forced }) => {
        if (forced > 0) console.log(`whosaid: closed ${forced} connection(s) still open at the deadline`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
