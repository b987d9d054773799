import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { derivedPositions } from '../src/db/positions.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { ValidationError } from '../src/domain/validation-error.js';
import { ConflictError, NotFoundError } from '../src/domain/write-errors.js';
import { recordClaim, retractClaim, setClaimStance, updateClaim } from '../src/domain/writes/claims.js';
import { mergeClaims } from '../src/domain/writes/merge-claims.js';
import { writeTransaction } from '../src/domain/writes/write-transaction.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { SENATE_RECORD_URL as RECORD, senateRecord as world } from './support/senate-record.js';

// Random sequences of every kind of write, and after each one the stored positions are exactly what a derivation
// from all the claims gives. Positions are rewritten only where a write changes them (src/db/positions.ts); this is
// what holds that to the whole truth.

const ACTORS = ['sam-senator', 'rita-rep'] as const;
const PROPOSITIONS = ['russia-is-an-ally', 'nato-is-obsolete'] as const;
const WIRES = ['https://example.org/wire/a', 'https://example.org/wire/b'] as const;

const day = fc.integer({ min: 1, max: 6 }).map((month) => `2017-0${month}-01`);
const stance = fc.constantFrom('SUPPORTS', 'OPPOSES', 'MIXED');
const said = fc.record({
  key: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
  speaker: fc.constantFrom(...ACTORS),
  proposition: fc.constantFrom(...PROPOSITIONS),
  stance,
  day,
});

type Said = typeof said extends fc.Arbitrary<infer S> ? S : never;

const write = fc.oneof(
  { weight: 4, arbitrary: said.map((claim) => ({ kind: 'record' as const, claim })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      url: fc.constantFrom(...WIRES),
      claims: fc.array(said, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), day }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stance' as const),
      pick: fc.nat(),
      proposition: fc.constantFrom(...PROPOSITIONS),
      stance: fc.option(stance, { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), pick: fc.nat(), other: fc.nat() }) },
);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

let recorded = 0;
const claimInput = (claim: Said) => ({
  key: claim.key,
  text: `${claim.speaker} on ${claim.proposition}: ${claim.stance}, ${claim.day}`,
  mode: 'DIRECT_QUOTE',
  medium: 'SPEECH',
  speakers: [claim.speaker],
  saidOn: { value: claim.day },
  stances: [{ proposition: claim.proposition, stance: claim.stance }],
});

const rows = async <Row>(db: Database, query: SQL) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

const COLUMNS = sql.raw(`actor_id, proposition_id, evidence_claim_id, stance, since_claim_id, previous_stance, changed,
  previous_claim_id, placed_start::text, placed_end::text, next_placed_start::text, since_placed_start::text`);

async function apply(db: Database, step: Write): Promise<void> {
  const live = await rows<{ id: number; version: number }>(
    db,
    sql`SELECT id, version FROM claims WHERE retracted_at IS NULL ORDER BY id`,
  );
  const pick = (n: number) => live[n % Math.max(live.length, 1)];
  // Writes the domain refuses (a merge of a claim with itself, a claim no longer there) are part of the sequence:
  // they must leave the positions as they were.
  const refused = (error: unknown) => {
    if (!(error instanceof ValidationError || error instanceof ConflictError || error instanceof NotFoundError))
      throw error;
  };
  switch (step.kind) {
    case 'record':
      recorded += 1;
      await recordClaim(db, RECORD, { ...claimInput(step.claim), key: `${step.claim.key}-${recorded}` }, 'test');
      return;
    case 'import':
      await importSourceBundle(db, {
        source: { url: step.url, title: `Wire ${step.url.slice(-1)}`, kind: 'ARTICLE' },
        claims: step.claims.filter((c, i) => step.claims.findIndex((o) => o.key === c.key) === i).map(claimInput),
      }).catch(refused);
      return;
    case 'move': {
      const claim = pick(step.pick);
      if (claim) await updateClaim(db, claim.id, claim.version, { saidOn: { value: step.day } }, 'test').catch(refused);
      return;
    }
    case 'stance': {
      const claim = pick(step.pick);
      if (claim) await setClaimStance(db, claim.id, step.proposition, step.stance as 'SUPPORTS' | null, 'test');
      return;
    }
    case 'retract': {
      const claim = pick(step.pick);
      if (claim) await retractClaim(db, claim.id, 'misquoted', 'test').catch(refused);
      return;
    }
    case 'merge': {
      const keep = pick(step.pick);
      const merge = pick(step.other);
      if (keep && merge && keep.id !== merge.id) {
        await mergeClaims(
          db,
          { keep: keep.id, merge: merge.id, expectedVersions: { keep: keep.version, merge: merge.version } },
          'test',
        ).catch(refused);
      }
      return;
    }
  }
}

describe.each(backends)('positions after every write of a random sequence, on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, world);
  });
  afterAll(() => database?.close());

  it('are what a derivation from all the claims gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 10, maxLength: 30 }), async (writes) => {
        await writeTransaction(database.db, 'test', (tx) => tx.execute(sql`DELETE FROM claims`));
        for (const step of writes) {
          await apply(database.db, step);
          const stored = await rows(database.db, sql`SELECT ${COLUMNS} FROM positions ORDER BY 1, 2, 3`);
          const derived = await rows(
            database.db,
            sql`SELECT ${COLUMNS} FROM (${derivedPositions()}) d ORDER BY 1, 2, 3`,
          );
          expect({ after: step, stored }).toEqual({ after: step, stored: derived });
        }
      }),
      { seed: 14, numRuns: 12, endOnFailure: true },
    );
  });
});
