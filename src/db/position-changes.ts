/**
 * Which position rows a write changes, worked out from the claims it touched and their neighbours alone, so that a
 * write costs the same on a pair with ten claims as on one with ten thousand. src/db/positions.ts reads the inputs
 * and writes the outputs; this file decides.
 *
 * A pair's positions are its claims in order (placed_start, placed_end, claim id). A row's stance-before and next
 * date come from its neighbours, and its `since` from the first row of its run of one stance. A write changes rows
 * only around each place a touched claim left or arrived at, and the `since` of the rest of a run that such a place
 * begins, ends or joins: those rows all move from one `since` to another, and one UPDATE by that value does it.
 */

export type Stance = string;

export interface Position {
  actorId: number;
  propositionId: number;
  evidenceClaimId: number;
  stance: Stance;
  sinceClaimId: number;
  /** The since claim's placedStart. */
  sincePlacedStart: string;
  previousStance: Stance | null;
  changed: boolean;
  previousClaimId: number | null;
  placedStart: string;
  placedEnd: string;
  nextPlacedStart: string | null;
}

/** Where a claim sits in its pair's order. */
export interface PlaceInOrder {
  placedStart: string;
  placedEnd: string;
  claimId: number;
}

/**
 * One claim a write touched, in one pair: as the claims now have it (`fresh`, when it still counts towards the
 * pair's positions) or as the positions stored it (`stored`), with the nearest stored rows of untouched claims on
 * either side of that place (null at either end of the pair).
 */
export interface TouchedClaim {
  fresh: { claimId: number; stance: Stance; placedStart: string; placedEnd: string } | null;
  stored: Position | null;
  before: Position | null;
  after: Position | null;
}

/**
 * Rows of the pair after the last untouched row `after` (and before `before`, if any) whose `since` moves: to another
 * claim, or to the same one at another place in time (`toPlacedStart`, the since claim's placedStart).
 */
export interface SinceMove {
  actorId: number;
  propositionId: number;
  from: number;
  to: number;
  toPlacedStart: string;
  after: PlaceInOrder;
  before: PlaceInOrder | null;
}

export interface PositionChanges {
  /** Rows to insert or overwrite, whole. */
  written: Position[];
  /** Claims whose rows go. */
  removed: number[];
  sinceMoves: SinceMove[];
}

const placeOf = (row: { placedStart: string; placedEnd: string; claimId?: number; evidenceClaimId?: number }) => ({
  placedStart: row.placedStart,
  placedEnd: row.placedEnd,
  claimId: row.claimId ?? row.evidenceClaimId!,
});

// Dates arrive as ISO text (YYYY-MM-DD), whose order as strings is their order in time.
export function compareOrder(a: PlaceInOrder, b: PlaceInOrder): number {
  if (a.placedStart !== b.placedStart) return a.placedStart < b.placedStart ? -1 : 1;
  if (a.placedEnd !== b.placedEnd) return a.placedEnd < b.placedEnd ? -1 : 1;
  return a.claimId - b.claimId;
}

const samePosition = (a: Position, b: Position) =>
  a.stance === b.stance &&
  a.sinceClaimId === b.sinceClaimId &&
  a.sincePlacedStart === b.sincePlacedStart &&
  a.previousStance === b.previousStance &&
  a.changed === b.changed &&
  a.previousClaimId === b.previousClaimId &&
  a.placedStart === b.placedStart &&
  a.placedEnd === b.placedEnd &&
  a.nextPlacedStart === b.nextPlacedStart;

/** A run's move from one since claim to another (or to the same one, placed elsewhere). */
type Run = Pick<SinceMove, 'from' | 'to' | 'toPlacedStart'>;

interface Known {
  place: PlaceInOrder;
  stance: Stance;
  stored: Position | null;
}

/** The changes to one pair's positions, given every claim of the pair a write touched. */
export function positionChanges(
  pair: { actorId: number; propositionId: number },
  touched: readonly TouchedClaim[],
): PositionChanges {
  const touchedIds = new Set(touched.map((claim) => claim.fresh?.claimId ?? claim.stored!.evidenceClaimId));
  const known = new Map<number, Known>();
  for (const claim of touched) {
    for (const neighbour of [claim.before, claim.after]) {
      if (neighbour && !touchedIds.has(neighbour.evidenceClaimId)) {
        known.set(neighbour.evidenceClaimId, {
          place: placeOf(neighbour),
          stance: neighbour.stance,
          stored: neighbour,
        });
      }
    }
    if (claim.fresh)
      known.set(claim.fresh.claimId, { place: placeOf(claim.fresh), stance: claim.fresh.stance, stored: null });
  }
  const order = [...known.values()].sort((a, b) => compareOrder(a.place, b.place));

  // Between a touched place's two neighbours lie no untouched rows: those neighbours, and every known row between
  // them, are next to each other in the new order. Elsewhere rows the write did not read may lie between two known.
  const spans = touched.map((claim) => ({
    from: claim.before ? placeOf(claim.before) : null,
    to: claim.after ? placeOf(claim.after) : null,
  }));
  const adjacent = (left: PlaceInOrder | null, right: PlaceInOrder | null) =>
    spans.some(
      (span) =>
        (span.from === null || (left !== null && compareOrder(span.from, left) <= 0)) &&
        (span.to === null || (right !== null && compareOrder(span.to, right) >= 0)),
    );

  const written: Position[] = [];
  const sinceMoves: SinceMove[] = [];
  const rows: Position[] = [];
  let carried: Run | null = null;
  const closeRun = (index: number, before: PlaceInOrder | null) => {
    const last = order[index]!;
    const row = rows[index]!;
    const stored = last.stored!;
    // Only an untouched row can end what the write read: the row after it is one the write did not read.
    row.nextPlacedStart = stored.nextPlacedStart;
    // The run's since claim may stay and its place in time change (the write moved it, still first of its run).
    carried =
      row.sinceClaimId === stored.sinceClaimId && row.sincePlacedStart === stored.sincePlacedStart
        ? null
        : { from: stored.sinceClaimId, to: row.sinceClaimId, toPlacedStart: row.sincePlacedStart };
    if (carried) sinceMoves.push({ ...pair, ...carried, after: last.place, before });
  };

  order.forEach((current, index) => {
    const previous = index === 0 ? null : order[index - 1]!;
    let row: Position;
    if (adjacent(previous?.place ?? null, current.place)) {
      const before = index === 0 ? null : rows[index - 1]!;
      if (before) before.nextPlacedStart = current.place.placedStart;
      const changed = before !== null && before.stance !== current.stance;
      const startsRun = before === null || changed;
      row = {
        ...pair,
        evidenceClaimId: current.place.claimId,
        stance: current.stance,
        sinceClaimId: startsRun ? current.place.claimId : before.sinceClaimId,
        sincePlacedStart: startsRun ? current.place.placedStart : before.sincePlacedStart,
        previousStance: before?.stance ?? null,
        changed,
        previousClaimId: before?.evidenceClaimId ?? null,
        placedStart: current.place.placedStart,
        placedEnd: current.place.placedEnd,
        nextPlacedStart: null,
      };
    } else {
      // The row before this one is one the write did not read, and neither did its neighbours change: only a run
      // that a change before it moved reaches this far.
      if (index > 0) closeRun(index - 1, current.place);
      const stored = current.stored!;
      const run = carried as Run | null;
      row =
        run && stored.sinceClaimId === run.from
          ? { ...stored, sinceClaimId: run.to, sincePlacedStart: run.toPlacedStart }
          : { ...stored };
    }
    rows.push(row);
  });
  if (order.length > 0) {
    if (adjacent(order[order.length - 1]!.place, null)) rows[rows.length - 1]!.nextPlacedStart = null;
    else closeRun(order.length - 1, null);
  }

  order.forEach((current, index) => {
    const row = rows[index]!;
    if (!current.stored || !samePosition(current.stored, row)) written.push(row);
  });
  const freshIds = new Set(touched.flatMap((claim) => (claim.fresh ? [claim.fresh.claimId] : [])));
  const removed = touched.flatMap((claim) =>
    claim.stored && !freshIds.has(claim.stored.evidenceClaimId) ? [claim.stored.evidenceClaimId] : [],
  );
  return { written, removed: [...new Set(removed)], sinceMoves };
}
