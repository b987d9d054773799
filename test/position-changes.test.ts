import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOrder, type Position, positionChanges, type TouchedClaim } from '../src/db/position-changes.js';

// The rewrite of a pair's positions, on its own: random histories, random writes on them, and the rows the rewrite
// leaves must be the rows a derivation from all the claims gives. test/positions-property.test.ts does the same
// through the database and every kind of write.

interface ClaimState {
  claimId: number;
  stance: string;
  placedStart: string;
  placedEnd: string;
}

const pair = { actorId: 7, propositionId: 3 };
const place = (claim: ClaimState) => ({ ...claim });

/** The positions of one pair, as src/db/positions.ts derivedPositions has them. */
function derived(claims: Iterable<ClaimState>): Position[] {
  const ordered = [...claims].sort((a, b) => compareOrder(place(a), place(b)));
  const rows: Position[] = [];
  ordered.forEach((claim, index) => {
    const before = rows[index - 1];
    const changed = before !== undefined && before.stance !== claim.stance;
    const startsRun = before === undefined || changed;
    rows.push({
      ...pair,
      evidenceClaimId: claim.claimId,
      stance: claim.stance,
      sinceClaimId: startsRun ? claim.claimId : before.sinceClaimId,
      sincePlacedStart: startsRun ? claim.placedStart : before.sincePlacedStart,
      previousStance: before?.stance ?? null,
      changed,
      previousClaimId: before?.evidenceClaimId ?? null,
      placedStart: claim.placedStart,
      placedEnd: claim.placedEnd,
      nextPlacedStart: ordered[index + 1]?.placedStart ?? null,
    });
  });
  return rows;
}

const positionPlace = (row: Position) => ({
  placedStart: row.placedStart,
  placedEnd: row.placedEnd,
  claimId: row.evidenceClaimId,
});

/** What src/db/positions.ts reads for the touched claims: each place a claim left or arrived at, and its neighbours. */
function touchedClaims(stored: Position[], now: Map<number, ClaimState>, touchedIds: Set<number>): TouchedClaim[] {
  const untouched = stored.filter((row) => !touchedIds.has(row.evidenceClaimId));
  const neighbours = (at: { placedStart: string; placedEnd: string; claimId: number }) => ({
    before: untouched.filter((row) => compareOrder(positionPlace(row), at) < 0).at(-1) ?? null,
    after: untouched.find((row) => compareOrder(positionPlace(row), at) > 0) ?? null,
  });
  return [...touchedIds].flatMap((claimId) => {
    const fresh = now.get(claimId) ?? null;
    const old = stored.find((row) => row.evidenceClaimId === claimId) ?? null;
    const places = [fresh && place(fresh), old && positionPlace(old)].filter((at) => at !== null);
    const distinct = places.filter((at, index) => places.findIndex((other) => compareOrder(other, at) === 0) === index);
    return distinct.map((at) => ({ fresh, stored: old, ...neighbours(at) }));
  });
}

function applied(stored: Position[], touched: TouchedClaim[]): Position[] {
  const changes = positionChanges(pair, touched);
  const rows = new Map(stored.map((row) => [row.evidenceClaimId, { ...row }]));
  for (const claimId of changes.removed) rows.delete(claimId);
  for (const row of changes.written) rows.set(row.evidenceClaimId, { ...row });
  for (const move of changes.sinceMoves) {
    for (const row of rows.values()) {
      const at = positionPlace(row);
      if (
        row.sinceClaimId === move.from &&
        compareOrder(at, move.after) > 0 &&
        (move.before === null || compareOrder(at, move.before) < 0)
      ) {
        row.sinceClaimId = move.to;
        row.sincePlacedStart = move.toPlacedStart;
      }
    }
  }
  return [...rows.values()].sort((a, b) => compareOrder(positionPlace(a), positionPlace(b)));
}

const day = fc.integer({ min: 1, max: 12 }).map((n) => `2017-01-${String(n).padStart(2, '0')}`);
const stance = fc.constantFrom('SUPPORTS', 'OPPOSES', 'MIXED');
const claimState = (claimId: number) =>
  fc.record({ stance, start: day, length: fc.constantFrom(0, 0, 0, 3) }).map(({ stance, start, length }) => ({
    claimId,
    stance,
    placedStart: start,
    placedEnd: `2017-01-${String(Number(start.slice(-2)) + length).padStart(2, '0')}`,
  }));

/** A history of up to 30 claims, and one write: claims added, removed, moved and given another stance. */
const historyAndWrite = fc.integer({ min: 0, max: 30 }).chain((size) =>
  fc.record({
    history: fc.tuple(...Array.from({ length: size }, (_, i) => claimState(i + 1))),
    added: fc.array(fc.integer({ min: 101, max: 110 }).chain(claimState), { maxLength: 3 }),
    edits: fc.array(
      fc.record({
        claimId: fc.integer({ min: 1, max: Math.max(size, 1) }),
        edit: fc.oneof(
          fc.constant({ kind: 'remove' as const }),
          claimState(0).map((state) => ({ kind: 'move' as const, state })),
          stance.map((stance) => ({ kind: 'stance' as const, stance })),
        ),
      }),
      { maxLength: 4 },
    ),
  }),
);

describe('the rows a write rewrites in a pair of positions', () => {
  it('leave the pair as a derivation from all its claims gives, whatever the write', () => {
    fc.assert(
      fc.property(historyAndWrite, ({ history, added, edits }) => {
        const before = new Map(history.map((claim) => [claim.claimId, claim]));
        const now = new Map(before);
        const touchedIds = new Set<number>();
        for (const claim of added) {
          now.set(claim.claimId, claim);
          touchedIds.add(claim.claimId);
        }
        for (const { claimId, edit } of edits) {
          const claim = now.get(claimId);
          if (!claim) continue;
          touchedIds.add(claimId);
          if (edit.kind === 'remove') now.delete(claimId);
          if (edit.kind === 'move') now.set(claimId, { ...edit.state, claimId, stance: claim.stance });
          if (edit.kind === 'stance') now.set(claimId, { ...claim, stance: edit.stance });
        }
        const stored = derived(before.values());
        expect(applied(stored, touchedClaims(stored, now, touchedIds))).toEqual(derived(now.values()));
      }),
      { seed: 20261201, numRuns: 5_000 },
    );
  });

  it('write only the rows next to a claim in the middle of a long run that changes its stance', () => {
    const history = Array.from({ length: 1_000 }, (_, i) => ({
      claimId: i + 1,
      stance: 'SUPPORTS',
      placedStart: '2017-01-01',
      placedEnd: '2017-01-01',
    }));
    const stored = derived(history);
    const now = new Map(history.map((claim) => [claim.claimId, claim]));
    now.set(500, { ...now.get(500)!, stance: 'OPPOSES' });
    const changes = positionChanges(pair, touchedClaims(stored, now, new Set([500])));

    expect(changes.removed).toEqual([]);
    // Claim 499 keeps its row: its neighbour's place did not change, only its stance.
    expect(changes.written.map((row) => [row.evidenceClaimId, row.stance, row.sinceClaimId])).toEqual([
      [500, 'OPPOSES', 500],
      [501, 'SUPPORTS', 501],
    ]);
    // The rest of the run starts again at claim 501: one move of every later row, by value, none of them read.
    expect(changes.sinceMoves).toEqual([
      {
        ...pair,
        from: 1,
        to: 501,
        toPlacedStart: '2017-01-01',
        after: { placedStart: '2017-01-01', placedEnd: '2017-01-01', claimId: 501 },
        before: null,
      },
    ]);
  });

  it('move the date of the rest of a run whose first claim moves later and stays first, by the same since claim', () => {
    const history = ['2017-01-01', '2017-01-05', '2017-01-09', '2017-01-12'].map((day, i) => ({
      claimId: i + 1,
      stance: 'SUPPORTS',
      placedStart: day,
      placedEnd: day,
    }));
    const stored = derived(history);
    const now = new Map(history.map((claim) => [claim.claimId, claim]));
    now.set(1, { ...now.get(1)!, placedStart: '2017-01-03', placedEnd: '2017-01-03' });
    const changes = positionChanges(pair, touchedClaims(stored, now, new Set([1])));

    expect(changes.written.map((row) => [row.evidenceClaimId, row.sinceClaimId, row.sincePlacedStart])).toEqual([
      [1, 1, '2017-01-03'],
      [2, 1, '2017-01-03'],
    ]);
    expect(changes.sinceMoves).toEqual([
      {
        ...pair,
        from: 1,
        to: 1,
        toPlacedStart: '2017-01-03',
        after: { placedStart: '2017-01-05', placedEnd: '2017-01-05', claimId: 2 },
        before: null,
      },
    ]);
  });
});
