import { execFile } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';
import { promisify } from 'node:util';
import { and, gte, like, lt } from 'drizzle-orm';
import pg from 'pg';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { claims } from '../src/db/schema.js';
import { createApiKey, revokeApiKey } from '../src/domain/auth/api-keys.js';
import { writeTransaction } from '../src/domain/writes/write-transaction.js';
import { measureEdge } from './edge.js';
import { captureStatements, replayStatements } from './floor.js';
import { type Bound, loadGraphQL } from './http-load.js';
import { type Ask, isWrite, type Mix, QUERY_NAMES, type QueryName, type Subjects } from './mix-types.js';
import { type QueryResult, type Report, ratio, type ServerMeasurement } from './report.js';
import { type ServerUnderTest, startPeer, startWhosaid, THIS_CHECKOUT } from './servers.js';
import { findSubjects } from './subjects.js';

const execFileAsync = promisify(execFile);

export interface BenchmarkOptions {
  databaseUrl: string;
  /** A second database, for the growth from one size to another: the read queries are run on it too. */
  compareUrl?: string;
  size: string;
  connections: number;
  run: Bound;
  warmup: Bound;
  pageSize: number;
  searchQuery: string;
  /** The queries of the mix to run (--queries), run in the mix's order; all of them by default. */
  queries?: readonly QueryName[];
  whosaidMix: Mix;
  /** PostGraphile's side; left out, only whosaid and the floor are measured. */
  peerMix?: Mix;
  /**
   * PostGraphile's pool (whosaid's size by default). Over pglite-socket, which runs every connection in PGlite's one
   * session, it must be 1: its pooled clients would prepare the same named statement twice.
   */
  peerConnections?: number;
  /**
   * Another checkout of whosaid with its node_modules, such as a worktree of an older commit (--baseline): its server
   * runs each query too, right after whosaid, on the same database.
   */
  baselineCheckout?: string;
  edge: boolean;
  log?: (line: string) => void;
}

/** As large as whosaid's own pool (src/db/postgres.ts), so that the floor gets the same number of connections. */
const WHOSAID_POOL_SIZE = 10;

/** The whole benchmark: whosaid and PostGraphile side by side, the raw-SQL floor, growth and the edge. */
export async function runBenchmark(options: BenchmarkOptions): Promise<Report> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const names = QUERY_NAMES.filter((name) => options.queries?.includes(name) ?? true);
  const reads = names.filter((name) => !isWrite(name));
  const notes: string[] = [];
  // Counted before the mutation mix adds its claims.
  const database = await databaseCounts(options.databaseUrl);
  const machine = await machineOf(options.databaseUrl);
  const subjects = await findSubjects(options.databaseUrl, options.searchQuery);
  log(`subjects: ${JSON.stringify(subjects)}`);
  const editor = await createEditorKey(options.databaseUrl);
  const writeHeaders = { authorization: `Bearer ${editor.key}` };
  const servers: ServerUnderTest[] = [];
  try {
    const whosaid = await startWhosaid(options.databaseUrl);
    servers.push(whosaid);
    const baseline = options.baselineCheckout
      ? await startWhosaid(options.databaseUrl, { checkout: options.baselineCheckout, name: 'baseline' })
      : null;
    if (baseline) servers.push(baseline);
    const peer = options.peerMix ? await startPeer(options.databaseUrl, options.peerConnections) : null;
    if (peer) servers.push(peer);
    notes.push(
      peer
        ? 'PostGraphile statements are counted as every query its pg clients send (bench/peer-process.ts), transaction ' +
            "control included; whosaid's come from its request log."
        : 'PostGraphile was not run.',
      "The floor runs a request's statements one after the other, as captured; where whosaid runs some at once, the floor is slower than it could be.",
    );

    const whosaidRequests = await prepare(
      options.whosaidMix,
      whosaid.url,
      subjects,
      options.pageSize,
      writeHeaders,
      names,
    );
    const baselineRequests = baseline
      ? await prepareWhereAnswered(options.whosaidMix, baseline.url, subjects, options, writeHeaders, names, notes)
      : null;
    const peerRequests =
      peer && options.peerMix ? await prepare(options.peerMix, peer.url, subjects, options.pageSize, {}, names) : null;

    const measure = async (server: ServerUnderTest, request: Prepared): Promise<ServerMeasurement> => {
      const measured = await loadGraphQL(server.url, request, options, {
        afterWarmup: () => server.statementsPerRequest(0),
      });
      const figures = { ...measured, statementsPerRequest: await server.statementsPerRequest(measured.requests) };
      log(`  ${server.name}: ${summary(figures)}`);
      return figures;
    };
    // A write run's claims are deleted again right after it, so that every run, the next server's write on the same
    // pair and the growth runs below alike, reads the data as loaded.
    const measureQuery = async (server: ServerUnderTest, name: QueryName, request: Prepared) => {
      const figures = await measure(server, request);
      if (isWrite(name)) await removeBenchClaims(options.databaseUrl);
      return figures;
    };

    log('capturing the SQL of the read queries for the floor');
    const captured = await captureStatements(
      options.databaseUrl,
      Object.fromEntries(reads.map((name) => [name, whosaidRequests[name]!])),
    );

    const queries: QueryResult[] = [];
    for (const name of names) {
      log(name);
      const whosaidFigures = await measureQuery(whosaid, name, whosaidRequests[name]!);
      const baselineRequest = baselineRequests?.[name];
      const baselineFigures = baseline && baselineRequest ? await measureQuery(baseline, name, baselineRequest) : null;
      const peerRequest = peerRequests?.[name];
      const peerFigures = peer && peerRequest ? await measureQuery(peer, name, peerRequest) : null;
      let floor: ServerMeasurement | null = null;
      const statements = captured[name];
      if (statements) {
        const replayed = await replayStatements(options.databaseUrl, statements, {
          ...options,
          poolSize: WHOSAID_POOL_SIZE,
        });
        floor = { ...replayed, statementsPerRequest: statements.length };
        log(`  floor: ${summary(floor)}`);
      }
      queries.push({
        name,
        whosaid: whosaidFigures,
        ...(baseline
          ? {
              baseline: baselineFigures,
              rpsVsBaseline: ratio(whosaidFigures.requestsPerSecond, baselineFigures?.requestsPerSecond),
            }
          : {}),
        peer: peerFigures,
        floor,
        rpsVsPeer: ratio(whosaidFigures.requestsPerSecond, peerFigures?.requestsPerSecond),
        p50VsFloor: ratio(whosaidFigures.p50, floor?.p50),
        floorRpsVsWhosaid: ratio(floor?.requestsPerSecond, whosaidFigures.requestsPerSecond),
      });
    }

    const ran = (name: QueryName) => queries.find((q) => q.name === name);
    let actorPage100: ServerMeasurement | undefined;
    if (ran('actorPage')) {
      log('actorPage at first=100');
      const request = (await prepare(options.whosaidMix, whosaid.url, subjects, 100, {}, ['actorPage'])).actorPage!;
      actorPage100 = await measure(whosaid, request);
    }

    let compared: Report['growth']['compared'] = null;
    if (options.compareUrl && reads.length > 0) {
      log('the read queries on the database to compare');
      compared = await compareReads(options, reads, (name) => ran(name)!);
    }

    let edge: Report['edge'] = null;
    if (options.edge) {
      log('the edge: bundle, startup CPU and the Worker in workerd');
      edge = await measureEdge(options.databaseUrl, whosaidRequests, options);
    }

    return {
      size: options.size,
      startedAt,
      settings: {
        connections: options.connections,
        run: options.run,
        warmup: options.warmup,
        pageSize: options.pageSize,
      },
      machine,
      database,
      subjects,
      ...(options.baselineCheckout ? { baseline: await baselineOf(options.baselineCheckout) } : {}),
      queries,
      growth: { ...growthOf(ran, options.pageSize, actorPage100), compared },
      edge,
      notes,
    };
  } finally {
    for (const server of servers) await server.stop();
    await revokeEditorKey(options.databaseUrl, editor.name);
    await removeBenchClaims(options.databaseUrl);
  }
}

/** The ratios between queries, each only where the queries it needs were run. */
function growthOf(
  ran: (name: QueryName) => QueryResult | undefined,
  pageSize: number,
  actorPage100: ServerMeasurement | undefined,
): Omit<Report['growth'], 'compared'> {
  const p50 = (name: QueryName) => ran(name)?.whosaid.p50;
  const both = (numerator: QueryName, denominator: QueryName) =>
    ran(numerator) && ran(denominator) ? ratio(p50(numerator), p50(denominator)) : undefined;
  const growth: Omit<Report['growth'], 'compared'> = {};
  const page1000VsPage1 = both('timelinePage1000', 'timelinePage1');
  if (page1000VsPage1 !== undefined) growth.page1000VsPage1 = page1000VsPage1;
  if (actorPage100) {
    growth.pageSize100VsPageSize10 = pageSize === 10 ? ratio(actorPage100.p50, p50('actorPage')) : null;
    growth.actorPage100 = actorPage100;
  }
  const bigPairVsSmallPair = both('mutationMix', 'mutationMixSmallPair');
  if (bigPairVsSmallPair !== undefined) growth.bigPairVsSmallPair = bigPairVsSmallPair;
  return growth;
}

const commitOf = async (checkout: string): Promise<string | null> => {
  try {
    const { stdout } = await execFileAsync('git', ['-C', checkout, 'describe', '--always', '--dirty']);
    return stdout.trim();
  } catch {
    return null;
  }
};

async function baselineOf(checkout: string): Promise<NonNullable<Report['baseline']>> {
  return { checkout, commit: await commitOf(checkout), whosaidCommit: await commitOf(THIS_CHECKOUT) };
}

const summary = (m: ServerMeasurement) =>
  `${m.requestsPerSecond} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.statementsPerRequest ?? '?'} statements, ${m.errors} errors` +
  (m.firstError ? ` (first: ${m.firstError})` : '');

type Prepared = {
  document: string;
  variables: Record<string, unknown>;
  perRequest?: Mix[QueryName]['perRequest'];
  headers?: Record<string, string>;
};

/**
 * Each query's variables, found once before the runs, and each query asked once and its answer checked: no errors, no
 * error result of a mutation (a `__typename` ending in Error), and something found.
 */
async function prepare(
  mix: Mix,
  url: string,
  subjects: Subjects,
  first: number,
  writeHeaders: Record<string, string>,
  names: readonly QueryName[],
): Promise<Partial<Record<QueryName, Prepared>>> {
  const prepared: Partial<Record<QueryName, Prepared>> = {};
  for (const name of names) prepared[name] = await prepareOne(mix, name, url, subjects, first, writeHeaders);
  return prepared;
}

/**
 * As prepare, but a query the server does not answer as it should (an older checkout may lack what the mix asks for)
 * is left out with a note rather than ending the run.
 */
async function prepareWhereAnswered(
  mix: Mix,
  url: string,
  subjects: Subjects,
  options: BenchmarkOptions,
  writeHeaders: Record<string, string>,
  names: readonly QueryName[],
  notes: string[],
): Promise<Partial<Record<QueryName, Prepared>>> {
  const prepared: Partial<Record<QueryName, Prepared>> = {};
  for (const name of names) {
    try {
      prepared[name] = await prepareOne(mix, name, url, subjects, options.pageSize, writeHeaders);
    } catch (error) {
      notes.push(`The baseline was not run on ${name}: ${(error as Error).message.slice(0, 300)}`);
      options.log?.(`  baseline: ${name} left out: ${(error as Error).message.slice(0, 300)}`);
    }
  }
  return prepared;
}

async function prepareOne(
  mix: Mix,
  name: QueryName,
  url: string,
  subjects: Subjects,
  first: number,
  writeHeaders: Record<string, string>,
): Promise<Prepared> {
  const ask: Ask = (document, variables) => askGraphQL(url, document, variables, {});
  const entry = mix[name];
  const variables = await entry.variables(subjects, ask, first);
  const headers = entry.perRequest ? writeHeaders : {};
  const data = await askGraphQL(
    url,
    entry.document,
    entry.perRequest ? entry.perRequest(variables, -1) : variables,
    headers,
  );
  const failure = JSON.stringify(data).match(/"__typename":"(\w*Error)"/);
  if (failure || Object.values(data).every((value) => value === null)) {
    throw new Error(`${name} at ${url} did not answer as it should: ${JSON.stringify(data).slice(0, 500)}`);
  }
  return { document: entry.document, variables, perRequest: entry.perRequest, headers };
}

async function askGraphQL(
  url: string,
  document: string,
  variables: Record<string, unknown> | undefined,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body.data;
}

/** The read queries on the second database, whosaid only: their p50 there over their p50 here. */
async function compareReads(
  options: BenchmarkOptions,
  reads: readonly QueryName[],
  byName: (name: QueryName) => QueryResult,
): Promise<NonNullable<Report['growth']['compared']>> {
  const url = options.compareUrl!;
  const subjects = await findSubjects(url, options.searchQuery);
  const server = await startWhosaid(url);
  try {
    const requests = await prepare(options.whosaidMix, server.url, subjects, options.pageSize, {}, reads);
    const p50Ratio: Partial<Record<QueryName, number | null>> = {};
    for (const name of reads) {
      const measured = await loadGraphQL(server.url, requests[name]!, options);
      p50Ratio[name] = ratio(measured.p50, byName(name).whosaid.p50);
    }
    return { database: await databaseCounts(url), p50Ratio };
  } finally {
    await server.stop();
  }
}

async function createEditorKey(databaseUrl: string): Promise<{ name: string; key: string }> {
  const database = await openPostgresDatabase(databaseUrl);
  try {
    const name = `bench-${new Date().toISOString()}`;
    const { key } = await createApiKey(database.db, name, 'EDITOR');
    return { name, key };
  } finally {
    await database.close();
  }
}

async function revokeEditorKey(databaseUrl: string, name: string): Promise<void> {
  const database = await openPostgresDatabase(databaseUrl);
  try {
    await revokeApiKey(database.db, name);
  } finally {
    await database.close();
  }
}

/**
 * The claims the mutation mix recorded (keys beginning `bench-`) are deleted again and their speakers' positions
 * derived anew, so that a run leaves the data as the next run expects it; the audit trail keeps their revisions.
 */
async function removeBenchClaims(databaseUrl: string): Promise<void> {
  // Writes of the mutation mix still queued behind one another may be finishing: where the clean-up deadlocks with
  // one of them, it waits and goes again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await removeBenchClaimsOnce(databaseUrl);
    } catch (error) {
      if (attempt === 5 || !/deadlock/i.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

async function removeBenchClaimsOnce(databaseUrl: string): Promise<void> {
  const database = await openPostgresDatabase(databaseUrl);
  try {
    await writeTransaction(database.db, 'bench', async (tx) => {
      // A range beside the LIKE, for the key's index: LIKE alone uses it only under the C collation, and a scan of a
      // million claims for none to delete outlasted the statement timeout.
      await tx
        .delete(claims)
        .where(and(gte(claims.key, 'bench-'), lt(claims.key, 'bench.'), like(claims.key, 'bench-%')));
    });
  } finally {
    await database.close();
  }
}

async function withClient<T>(databaseUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function databaseCounts(databaseUrl: string): Promise<Report['database']> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<Record<keyof Report['database'], string>>(
      `SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM actors) AS actors,
              (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM propositions) AS propositions,
              (SELECT count(*) FROM sources) AS sources`,
    );
    const row = rows[0]!;
    return {
      claims: Number(row.claims),
      actors: Number(row.actors),
      events: Number(row.events),
      propositions: Number(row.propositions),
      sources: Number(row.sources),
    };
  });
}

function machineOf(databaseUrl: string): Promise<Report['machine']> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.versions.node,
      postgres: rows[0]?.server_version ?? 'unknown',
      os: `${type()} ${release()}`,
    };
  });
}
