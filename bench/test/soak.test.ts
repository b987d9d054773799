import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createThrowawayDatabase } from '../../test/support/databases.js';
import { WRITE_KINDS } from '../soak/ledger.js';
import { runSoak, type SoakReport } from '../soak/run-soak.js';

const SECONDS = 20;

// `npm run soak` for 20 s: one server process (PGlite in a fresh data directory, and the Postgres server at
// DATABASE_URL when it is set, in a throwaway database), four writers, two readers and a client following the change
// feed, then every check of what the writers were told against the database. Its figures mean nothing here.
describe.each(backends)('the soak on %s', (backend) => {
  let report: SoakReport;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = backend === 'postgres' ? await createThrowawayDatabase() : undefined;
    drop = database?.drop;
    report = await runSoak({ databaseUrl: database?.url, seconds: SECONDS, writers: 4, readers: 2, seed: 15 });
  }, 120_000);

  afterAll(async () => {
    await drop?.();
  });

  const check = (name: string) => {
    const found = report.checks.find((candidate) => candidate.name === name)!;
    // The first problems are enough to tell what went wrong; the summary counts them all.
    return {
      name: found.name,
      summary: found.passed ? 'passed' : found.summary,
      problems: found.problems.slice(0, 10),
    };
  };

  it('runs the checks, in order', () => {
    expect(report.checks.map((c) => c.name)).toEqual([
      'answers',
      'acknowledged writes',
      'revisions',
      'positions',
      'feed replay',
      'feed followed',
    ]);
  });

  it('gets no 5xx and no INTERNAL_SERVER_ERROR', () => {
    expect(check('answers')).toEqual({ name: 'answers', summary: 'passed', problems: [] });
  });

  it('finds every acknowledged write stored as acknowledged, or superseded by a later one, and no refused one', () => {
    expect(check('acknowledged writes')).toEqual({ name: 'acknowledged writes', summary: 'passed', problems: [] });
  });

  it('finds one transaction of revisions for each acknowledged change, as its kind makes them, and none for a refusal', () => {
    expect(check('revisions')).toEqual({ name: 'revisions', summary: 'passed', problems: [] });
  });

  it('finds the positions equal to their derivation from the claims', () => {
    expect(check('positions')).toEqual({ name: 'positions', summary: 'passed', problems: [] });
  });

  it('replays the change feed, read from the start, into the audited tables as stored', () => {
    expect(check('feed replay')).toEqual({ name: 'feed replay', summary: 'passed', problems: [] });
  });

  it('replays the change feed as a client followed it during the run into the same tables', () => {
    expect(check('feed followed')).toEqual({ name: 'feed followed', summary: 'passed', problems: [] });
  });

  it('sent every kind of write, had refusals among the answers, and read throughout', () => {
    const { figures } = report;
    const sent = Object.fromEntries(
      WRITE_KINDS.map((kind) => [kind, (figures.kinds.find((k) => k.kind === kind)?.requests ?? 0) > 0]),
    );
    expect(sent).toEqual({
      importSource: true,
      recordClaim: true,
      updateClaim: true,
      setClaimStance: true,
      retractClaim: true,
      mergeClaims: true,
    });
    expect(figures.writes.acknowledged).toBeGreaterThan(SECONDS);
    expect(figures.writes.refused).toBeGreaterThan(0);
    expect(figures.reads.requests).toBeGreaterThan(SECONDS);
  });
});
