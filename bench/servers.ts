import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startServerProcess } from './server-process.js';

/** A server under test: where to send requests, and how many SQL statements it ran for those since the last call. */
export interface ServerUnderTest {
  name: string;
  url: string;
  /** Mean SQL statements per request since the last call, or null where the server cannot tell. */
  statementsPerRequest(requests: number): Promise<number | null>;
  stop(): Promise<void>;
}

const READY = /at (http:\/\/\S+\/graphql)/;

/** This checkout of whosaid, the one the benchmark runs from. */
export const THIS_CHECKOUT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `src/server/node.ts` of a checkout of whosaid (this one by default; another, with its own node_modules, for a
 * baseline) against the database, without a rate limit and with production's settings; its request log (one JSON
 * line per request, see src/http/plugins/request/use-request-log.ts, counted in src/http/request-record.ts) gives the
 * SQL statements of each request.
 */
export async function startWhosaid(
  databaseUrl: string,
  { checkout = THIS_CHECKOUT, name = 'whosaid' }: { checkout?: string; name?: string } = {},
): Promise<ServerUnderTest> {
  const server = await startServerProcess({
    name,
    args: ['--experimental-async-context-frame', '--import', 'tsx', join(checkout, 'src/server/node.ts')],
    // So that tsx, like the server's own imports, comes from the checkout's node_modules.
    cwd: checkout,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      WHOSAID_RATE_LIMIT: '0',
      NODE_ENV: 'production',
    },
    ready: READY,
  });
  await server.takeLines();
  return {
    name,
    url: server.url,
    async statementsPerRequest() {
      return meanStatements(await server.takeLines());
    },
    stop: () => server.stop(),
  };
}

/** The mean of the `statements` of the request log lines among `lines`; null where there are none. */
export function meanStatements(lines: string[]): number | null {
  let requests = 0;
  let statements = 0;
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { statements?: unknown; path?: unknown };
    if (typeof entry.statements !== 'number' || entry.path !== '/graphql') continue;
    requests += 1;
    statements += entry.statements;
  }
  return requests === 0 ? null : Math.round((statements / requests) * 100) / 100;
}

/** PostGraphile (bench/postgraphile) in a process of its own, counting the statements its pg clients send. */
export async function startPeer(databaseUrl: string, connections?: number): Promise<ServerUnderTest> {
  const server: ServerProcess = await startServerProcess({
    name: 'postgraphile',
    args: ['--import', 'tsx', fileURLToPath(new URL('./peer-process.ts', import.meta.url))],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      GRAPHILE_ENV: 'production',
      ...(connections ? { PEER_CONNECTIONS: String(connections) } : {}),
    },
    ready: /^listening at (\S+)$/m,
    ipc: true,
  });
  let counted = Number(await server.ask('statements'));
  return {
    name: 'postgraphile',
    url: server.url,
    async statementsPerRequest(requests) {
      const now = Number(await server.ask('statements'));
      const since = now - counted;
      counted = now;
      return requests > 0 ? Math.round((since / requests) * 100) / 100 : null;
    },
    stop: () => server.stop(),
  };
}
