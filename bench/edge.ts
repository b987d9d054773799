import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type GraphQLRequest, type LoadOptions, loadGraphQL } from './http-load.js';
import type { QueryName } from './mix-types.js';
import type { EdgeFigures } from './report.js';
import { startServerProcess } from './server-process.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = ['--import', 'tsx'];

/** The read queries the Worker is driven with, where they are among those run: a cheap one and a nested one. */
const WORKER_QUERIES: QueryName[] = ['timelinePage1', 'actorPage'];

/**
 * The Worker's figures: its bundle's gzip size (scripts/build-worker.ts), its startup CPU (`wrangler check startup`,
 * the active time of its local profile) and its throughput in workerd (scripts/dev-worker.ts: wrangler dev with the
 * local Neon bridge) on a few read queries against the same database.
 */
export async function measureEdge(
  databaseUrl: string,
  requests: Partial<Record<QueryName, GraphQLRequest>>,
  options: LoadOptions,
): Promise<EdgeFigures> {
  const notes: string[] = [];
  let gzipBytes: number | null = null;
  try {
    const { stdout } = await run(process.execPath, [...tsx, 'scripts/build-worker.ts', '--json'], { cwd: root });
    gzipBytes = (JSON.parse(stdout.trim().split('\n').at(-1)!) as { gzipBytes: number }).gzipBytes;
  } catch (error) {
    notes.push(`The bundle was not built: ${(error as Error).message.split('\n')[0]}`);
  }
  let startupCpuMs: number | null = null;
  try {
    const { stdout, stderr } = await run('npx', ['wrangler', 'check', 'startup', '--env', 'production'], { cwd: root });
    const active = /Active: ([\d.]+) ms/.exec(stdout + stderr);
    startupCpuMs = active ? Number(active[1]) : null;
    if (!active) notes.push('wrangler check startup printed no active time');
  } catch (error) {
    notes.push(`wrangler check startup failed: ${(error as Error).message.split('\n')[0]}`);
  }
  const driven = WORKER_QUERIES.flatMap((name) => {
    const request = requests[name];
    return request ? [{ name, request }] : [];
  });
  const worker = driven.length > 0 ? await measureWorker(databaseUrl, driven, options, notes) : {};
  return { gzipBytes, startupCpuMs, worker, notes };
}

/** The Worker under wrangler dev with the local Neon bridge, driven with each of the requests in turn. */
async function measureWorker(
  databaseUrl: string,
  driven: { name: QueryName; request: GraphQLRequest }[],
  options: LoadOptions,
  notes: string[],
): Promise<EdgeFigures['worker']> {
  const worker: EdgeFigures['worker'] = {};
  try {
    const devWorker = await startServerProcess({
      name: 'worker',
      args: [...tsx, 'scripts/dev-worker.ts'],
      env: { ...process.env, DATABASE_URL: databaseUrl },
      ready: /Ready on (http:\/\/\S+)/,
      // workerd logs each Neon WebSocket the Worker leaves to close after its response; the answers are checked anyway.
      quiet: true,
    });
    try {
      const url = `${devWorker.url.replace('localhost', '127.0.0.1')}/graphql`;
      for (const { name, request } of driven) {
        // Each request with another client address, so that the rate limit per client does not throttle the run.
        let address = 0;
        worker[name] = await loadGraphQL(url, request, options, {
          headersPerRequest: () => {
            address += 1;
            return { 'cf-connecting-ip': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` };
          },
        });
      }
    } finally {
      await devWorker.stop();
    }
  } catch (error) {
    notes.push(
      `The Worker was not measured: ${(error as Error).message.split('\n').find((line) => /ERROR|Error/.test(line)) ?? (error as Error).message.split('\n')[0]}`,
    );
  }
  return worker;
}
