import { runKeyPrefix } from '../claim-keys.js';
import { Random } from '../random.js';
import { type CheckResult, runChecks } from './checks/index.js';
import { GraphQLClient } from './client.js';
import { IMPORT_SOURCE } from './documents.js';
import { type Change, FeedReader } from './feed.js';
import { AFTER_THE_RUN, type Figures, figuresOf } from './figures.js';
import type { LedgerEntry } from './ledger.js';
import { Reader } from './reader.js';
import { Tally } from './tally.js';
import { createEditorKeys, pgliteTarget, postgresTarget } from './target.js';
import { SoakWorld } from './world.js';
import { Writer } from './writer.js';

export interface SoakOptions {
  /** The Postgres database to run against; PGlite in a fresh data directory without one. */
  databaseUrl?: string;
  seconds: number;
  writers: number;
  readers: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  backend: 'postgres' | 'pglite';
  where: string;
  run: string;
  startedAt: string;
  seed: number;
  writers: number;
  readers: number;
  figures: Figures;
  checks: CheckResult[];
}

/**
 * The soak: one whosaid server process, `writers` desks writing and `readers` readers reading for `seconds`, and a
 * client following the change feed; then, the server stopped, the checks of what the writers were told against the
 * database.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const target = options.databaseUrl ? postgresTarget(options.databaseUrl) : pgliteTarget();
  const world = new SoakWorld(runKeyPrefix('soak'));
  const setupName = `${world.run}-setup`;
  const writerNames = Array.from({ length: options.writers }, (_, i) => `${world.run}-w${i + 1}`);
  try {
    log(`making the API keys in ${target.where}`);
    const keys = await createEditorKeys(target, [setupName, ...writerNames]);
    log(`run ${world.run}: starting the server`);
    const server = await target.startServer();
    let load: Load;
    let serverLog: string[];
    try {
      log(`the server is at ${server.url}; importing the cast and the desks`);
      await setUp(server.url, setupName, keys.get(setupName)!, world, writerNames);
      log(`${options.writers} writers, ${options.readers} readers and a feed follower for ${options.seconds} s`);
      load = await runLoad(server.url, keys, world, writerNames, options);
      serverLog = await server.takeLines();
    } finally {
      await server.stop();
    }
    log('the server has stopped; checking the database');
    const database = await target.open();
    try {
      const checks = await runChecks({ db: database.db, world, writerNames, setupName, serverLog, ...load });
      return {
        backend: target.backend,
        where: target.where,
        run: world.run,
        startedAt: load.startedAt,
        seed: options.seed,
        writers: options.writers,
        readers: options.readers,
        figures: figuresOf(load.tally, load.ledger, load.started, load.seconds),
        checks,
      };
    } finally {
      await database.close();
    }
  } finally {
    await target.cleanUp();
  }
}

interface Load {
  tally: Tally;
  ledger: LedgerEntry[];
  startedAt: string;
  started: number;
  seconds: number;
  /** The feed read from the start after the run, and as the follower read it during the run. */
  feed: Change[];
  followed: Change[];
}

/** The writers, the readers and the follower until the time is up; then the feed read again from the start. */
async function runLoad(
  url: string,
  keys: Map<string, string>,
  world: SoakWorld,
  writerNames: string[],
  options: SoakOptions,
): Promise<Load> {
  const tally = new Tally();
  const writers = writerNames.map(
    (name) =>
      new Writer(name, new GraphQLClient(url, name, keys.get(name)!), world, new Random(options.seed, name), tally),
  );
  const readers = Array.from({ length: options.readers }, (_, i) => {
    const name = `reader-${i + 1}`;
    return new Reader(new GraphQLClient(url, name), world, new Random(options.seed, name), tally);
  });
  const follower = new FeedReader(new GraphQLClient(url, 'feed-follower'), tally, 'changesFollowed');
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all([
    ...writers.map((writer) => writer.run(until)),
    ...readers.map((reader) => reader.run(until)),
    follower.follow(until),
  ]);
  const seconds = (performance.now() - started) / 1000;
  options.log?.('reading the change feed from the start, and the follower catching up');
  const feed = await new FeedReader(new GraphQLClient(url, 'feed-replay'), tally, AFTER_THE_RUN).catchUp();
  const followed = await follower.catchUp();
  return {
    tally,
    ledger: writers.flatMap((writer) => writer.ledger),
    startedAt,
    started,
    seconds,
    feed,
    followed,
  };
}

/** The cast and each writer's desk, imported by the setup key before anyone writes; each must be acknowledged. */
async function setUp(url: string, name: string, key: string, world: SoakWorld, writers: string[]): Promise<void> {
  const client = new GraphQLClient(url, name, key);
  for (const bundle of [world.setupBundle(), ...writers.map((writer) => world.deskBundle(writer))]) {
    const answer = await client.send(IMPORT_SOURCE, { input: bundle });
    const result = answer.body?.data?.importSource as { __typename?: string } | undefined;
    if (result?.__typename !== 'MutationImportSourceSuccess') {
      throw new Error(`the soak's setup import of ${bundle.source.url} failed: ${JSON.stringify(answer.body)}`);
    }
  }
}
