import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KillablePostgres, startKillablePostgres } from '../../test/support/killable-postgres.js';
import { type BenchmarkOptions, runBenchmark } from '../benchmark.js';
import { loadPglite, loadPostgres, searchTerms } from '../generate.js';
import { isWrite, QUERY_NAMES, queryNamesFrom } from '../mix-types.js';
import { postgraphileMix } from '../postgraphile/mix.js';
import { chartSvg, markdownReport, type Report } from '../report.js';
import { THIS_CHECKOUT } from '../servers.js';
import { whosaidMix } from '../whosaid-mix.js';

const REQUESTS = 30;

// The harness at the small size, a few dozen requests per query, so that it cannot rot; its timings mean nothing here.
describe(`npm run bench at the small size on ${process.env.DATABASE_URL ? 'the Postgres server' : 'PGlite over pglite-socket'}`, () => {
  let databaseUrl: string;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const server = new URL(process.env.DATABASE_URL);
      const name = `whosaid_bench_harness_${process.pid}`;
      const admin = new pg.Client({ connectionString: server.href });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      databaseUrl = Object.assign(new URL(server.href), { pathname: `/${name}` }).href;
      await loadPostgres(databaseUrl, { size: 'small', seed: 1 });
      cleanUp = async () => {
        const cleanup = new pg.Client({ connectionString: server.href });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      };
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-bench-'));
      const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
      await loadPglite(pglite, { size: 'small', seed: 1 });
      await pglite.close();
      const postgres: KillablePostgres = await startKillablePostgres(dataDir);
      databaseUrl = postgres.url;
      cleanUp = async () => {
        await postgres.kill();
        rmSync(dataDir, { recursive: true, force: true });
      };
    }
  }, 120_000);

  afterAll(async () => {
    await cleanUp?.();
  });

  const benchmark = (options: Partial<BenchmarkOptions> = {}) =>
    runBenchmark({
      databaseUrl,
      size: 'small',
      // pglite-socket runs every connection's statements in PGlite's one session: concurrent writes' transactions
      // would interleave there, so on PGlite the requests go one at a time.
      connections: process.env.DATABASE_URL ? 4 : 1,
      peerConnections: process.env.DATABASE_URL ? undefined : 1,
      run: { requests: REQUESTS },
      warmup: { requests: 3 },
      pageSize: 10,
      searchQuery: searchTerms.moderate,
      whosaidMix,
      peerMix: postgraphileMix,
      edge: false,
      ...options,
    });

  const claimsLeft = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS left FROM claims WHERE key LIKE 'bench-%'`);
    await client.end();
    return rows;
  };

  describe('the whole mix', () => {
    let report: Report;

    beforeAll(async () => {
      report = await benchmark();
    }, 120_000);

    it('answers every query of the mix, on whosaid and on PostGraphile, without an error', () => {
      expect(report.queries.map((query) => query.name)).toEqual([...QUERY_NAMES]);
      for (const query of report.queries) {
        expect({ query: query.name, whosaid: query.whosaid.errors, peer: query.peer?.errors }).toEqual({
          query: query.name,
          whosaid: 0,
          peer: 0,
        });
        expect(query.whosaid.requests).toBe(REQUESTS);
        expect(query.peer?.requests).toBe(REQUESTS);
      }
    });

    it('gives throughput, latency percentiles and SQL statements per request for every query', () => {
      for (const query of report.queries) {
        for (const measured of [query.whosaid, query.peer!]) {
          expect(measured.requestsPerSecond).toBeGreaterThan(0);
          expect(measured.p50).toBeGreaterThan(0);
          expect(measured.p95).toBeGreaterThanOrEqual(measured.p50);
          expect(measured.p99).toBeGreaterThanOrEqual(measured.p95);
          expect(measured.statementsPerRequest).toEqual(expect.any(Number));
        }
        expect(query.rpsVsPeer).toEqual(expect.any(Number));
      }
      expect(
        report.queries.find((query) => query.name === 'actorPage')!.whosaid.statementsPerRequest,
      ).toBeGreaterThanOrEqual(1);
    });

    it('replays whosaid’s SQL for every read query as the floor, and leaves the writes out of it', () => {
      for (const query of report.queries) {
        if (isWrite(query.name)) {
          expect(query.floor).toBeNull();
          continue;
        }
        expect(query.floor).toMatchObject({ requests: REQUESTS, errors: 0, statementsPerRequest: expect.any(Number) });
        expect(query.p50VsFloor).toEqual(expect.any(Number));
      }
    });

    it('reports the growth from page 1 to page 1,000, from 10 to 100 a page and from the small pair to the big', () => {
      expect(report.growth.page1000VsPage1).toEqual(expect.any(Number));
      expect(report.growth.pageSize100VsPageSize10).toEqual(expect.any(Number));
      expect(report.growth.actorPage100?.errors).toBe(0);
      expect(report.growth.bigPairVsSmallPair).toEqual(expect.any(Number));
    });

    it('writes the small pair’s claims on the pair of positions closest to 10 claims, and counts both pairs', async () => {
      const { subjects } = report;
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ actor: number; proposition: number; claims: number }>(
        `SELECT actor_id AS actor, proposition_id AS proposition, count(*)::int AS claims FROM positions
         GROUP BY actor_id, proposition_id`,
      );
      await client.end();
      const claimsOf = (actor: number, proposition: number) =>
        rows.find((row) => row.actor === actor && row.proposition === proposition)?.claims ?? 0;
      expect(subjects.bigPairClaims).toBe(claimsOf(subjects.actorId, subjects.propositionId));
      expect(subjects.smallPairClaims).toBe(claimsOf(subjects.smallPairActorId, subjects.smallPairPropositionId));
      const distance = (claims: number) => Math.abs(claims - 10);
      expect(Math.min(...rows.map((row) => distance(row.claims)))).toBe(distance(subjects.smallPairClaims));
      expect(subjects.bigPairClaims).toBeGreaterThan(subjects.smallPairClaims);
    });

    it('writes a markdown table with a row per query, the pairs of the writes, the machine and a chart', async () => {
      const markdown = markdownReport(report);
      for (const name of QUERY_NAMES) expect(markdown).toMatch(new RegExp(`^\\| ${name} \\|`, 'm'));
      expect(markdown).toContain(`mutationMix writes on a pair with ${report.subjects.bigPairClaims} claims`);
      expect(markdown).toContain(
        `mutationMixSmallPair writes on a pair with ${report.subjects.smallPairClaims} claims`,
      );
      expect(markdown).toContain(
        `write on the big pair / write on the small pair, by p50: ${report.growth.bigPairVsSmallPair!.toFixed(2)}`,
      );
      expect(markdown).toContain(`${report.machine.cores} cores`);
      expect(markdown).toContain('PostgreSQL');
      const svg = await chartSvg(report);
      expect(svg).toMatch(/^<svg/);
      for (const name of QUERY_NAMES) expect(svg).toContain(name);
    });

    it('has no baseline where none was asked for', () => {
      expect(report).not.toHaveProperty('baseline');
      for (const query of report.queries) expect(query).not.toHaveProperty('baseline');
      expect(markdownReport(report)).not.toMatch(/baseline/i);
    });

    it('leaves no claim of the mutation mix behind', async () => {
      expect(await claimsLeft()).toEqual([{ left: 0 }]);
    });
  });

  // As `npm run bench -- --queries mutationMixSmallPair,timelinePage1 --baseline . --no-peer`.
  describe('some of the queries, on a baseline checkout too', () => {
    let report: Report;

    beforeAll(async () => {
      report = await benchmark({
        queries: queryNamesFrom('mutationMixSmallPair,timelinePage1'),
        peerMix: undefined,
        baselineCheckout: THIS_CHECKOUT,
      });
    }, 120_000);

    it('runs only the queries named, in the order of the mix', () => {
      expect(report.queries.map((query) => query.name)).toEqual(['timelinePage1', 'mutationMixSmallPair']);
    });

    it('runs each query on the baseline too, and gives its figures and whosaid’s over them', () => {
      expect(report.baseline).toEqual({
        checkout: THIS_CHECKOUT,
        commit: expect.any(String),
        whosaidCommit: expect.any(String),
      });
      for (const query of report.queries) {
        expect(query.baseline).toMatchObject({
          requests: REQUESTS,
          errors: 0,
          statementsPerRequest: expect.any(Number),
        });
        expect(query.baseline!.p50).toBeGreaterThan(0);
        expect(query.rpsVsBaseline).toEqual(expect.any(Number));
      }
      const markdown = markdownReport(report);
      expect(markdown).toContain('### Against the baseline');
      expect(markdown.match(/^\| (timelinePage1|mutationMixSmallPair) \|/gm)).toHaveLength(4);
    });

    it('leaves out the growth figures whose queries were not run', () => {
      expect(report.growth).toEqual({ compared: null });
      const markdown = markdownReport(report);
      expect(markdown).not.toContain('### Growth');
      expect(markdown).not.toContain('write on the big pair');
      expect(markdown).not.toContain('mutationMix writes');
      expect(markdown).toContain('mutationMixSmallPair writes on a pair with');
      expect(markdown).not.toMatch(/NaN/);
    });

    it('leaves no claim of the mutation mix behind', async () => {
      expect(await claimsLeft()).toEqual([{ left: 0 }]);
    });
  });
});
