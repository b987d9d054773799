import type { Row } from '../feed.js';
import type { LedgerEntry, WriteRequest } from '../ledger.js';
import { type CheckResult, checkResult } from './check-result.js';
import type { RevisionGroup, SoakRows } from './soak-rows.js';
import { claimIdOfRevision, recognises, revisionName, verify } from './write-transactions.js';

/** Which transaction of the writer's each write of its ledger wrote, where it wrote one. */
export type Matches = Map<LedgerEntry, RevisionGroup>;

type Request<K extends WriteRequest['kind']> = Extract<WriteRequest, { kind: K }>;

/**
 * An acknowledged setClaimStance that wrote nothing found the stance already as it asked: somewhere between the
 * writer's transaction before it and the one after it, the row held that stance (or, for null, was not there).
 */
function heldAlready(entry: LedgerEntry, from: number, to: number, rows: SoakRows): boolean {
  const request = entry.request as Request<'setClaimStance'>;
  const propositionId = rows.propositionIds.get(request.proposition);
  const history = rows.groups
    .flatMap((group) => group.revisions)
    .filter(
      (revision) =>
        revision.table === 'claim_stances' &&
        claimIdOfRevision(revision) === request.claimId &&
        (revision.after ?? revision.before)!.proposition_id === propositionId,
    )
    .sort((a, b) => a.id - b.id);
  const stanceOf = (row: Row | null) => (row ? String(row.stance) : null);
  // The row's last change before the window may have committed within it, after the write looked: what it changed
  // from counts too.
  const before = history.filter((revision) => revision.id < from).at(-1);
  const held = [
    before ? stanceOf(before.before) : null,
    before ? stanceOf(before.after) : null,
    ...history.filter((r) => r.id >= from && r.id <= to).map((r) => stanceOf(r.after)),
  ];
  return held.includes(request.stance);
}

/** The writes that always write something when they succeed (a new source, a new key, a version, a retraction). */
const mustWrite = (entry: LedgerEntry) => entry.request.kind !== 'setClaimStance';

/**
 * Each writer's transactions, in order, against its ledger, in order: every acknowledged write has its one
 * transaction, holding exactly the revisions its kind makes with the values it asked for (an acknowledged
 * setClaimStance may have none, where the stance was so already); refused writes have none; no transaction is left
 * that no write of the ledger explains. A write that failed may or may not have one.
 */
export function matchRevisions(
  ledger: readonly LedgerEntry[],
  rows: SoakRows,
  writers: readonly string[],
): { matches: Matches; problems: string[] } {
  const matches: Matches = new Map();
  const problems: string[] = [];
  for (const writer of writers) {
    const entries = ledger.filter((entry) => entry.writer === writer);
    const groups = rows.groups.filter((group) => group.writer === writer);
    let next = 0;
    let lastId = 0;
    const skipped = (until: number, boundary: number) => {
      for (const entry of entries.slice(next, until)) {
        if (entry.outcome.kind !== 'acknowledged') continue;
        if (mustWrite(entry)) problems.push(`${describe(entry)} was acknowledged but left no revision`);
        else if (!heldAlready(entry, lastId, boundary, rows)) {
          problems.push(`${describe(entry)} was acknowledged and wrote nothing, though the stance was never so`);
        }
      }
    };
    for (const group of groups) {
      const firstId = group.revisions[0]!.id;
      // The first write it fits, and of those, where one fits it exactly, that one: two setClaimStance calls on one
      // stance, the first of which found it so already, look alike.
      const fitting = entries.flatMap((entry, index) =>
        index >= next && entry.outcome.kind !== 'refused' && recognises(entry, group, rows) ? [index] : [],
      );
      const at = fitting.find((index) => verify(entries[index]!, group, rows).length === 0) ?? fitting[0] ?? -1;
      if (at < 0) {
        problems.push(
          `${writer} wrote revisions ${group.revisions.map((r) => r.id).join(', ')} (${group.revisions.map(revisionName).join('; ')}) that no acknowledged write of its ledger explains`,
        );
        continue;
      }
      skipped(at, firstId);
      const entry = entries[at]!;
      matches.set(entry, group);
      problems.push(...verify(entry, group, rows).map((problem) => `${writer} write ${entry.sequence}: ${problem}`));
      next = at + 1;
      lastId = group.revisions.at(-1)!.id;
    }
    skipped(entries.length, Number.MAX_SAFE_INTEGER);
  }
  for (const [by, count] of rows.strangers) problems.push(`${count} revisions by ${by}, who is no writer of the run`);
  return { matches, problems };
}

export function describe(entry: LedgerEntry): string {
  const { request } = entry;
  const target =
    request.kind === 'importSource'
      ? request.bundle.source.url
      : request.kind === 'recordClaim'
        ? request.claim.key
        : request.kind === 'mergeClaims'
          ? `claim ${request.merge} into ${request.keep}`
          : `claim ${request.claimId}`;
  return `${entry.writer} write ${entry.sequence} (${request.kind} of ${target})`;
}

/** The revisions check, with how many transactions of each kind it matched. */
export function checkRevisions(
  ledger: readonly LedgerEntry[],
  rows: SoakRows,
  result: ReturnType<typeof matchRevisions>,
): CheckResult {
  const byKind = new Map<string, { writes: number; revisions: number }>();
  for (const [entry, group] of result.matches) {
    const counts =
      byKind.get(entry.request.kind) ??
      byKind.set(entry.request.kind, { writes: 0, revisions: 0 }).get(entry.request.kind)!;
    counts.writes += 1;
    counts.revisions += group.revisions.length;
  }
  const acknowledged = ledger.filter((entry) => entry.outcome.kind === 'acknowledged').length;
  const refused = ledger.filter((entry) => entry.outcome.kind === 'refused').length;
  const total = rows.groups.reduce((sum, group) => sum + group.revisions.length, 0);
  const kinds = [...byKind]
    .map(([kind, counts]) => `${kind} ${counts.writes} (${counts.revisions} revisions)`)
    .join(', ');
  return checkResult(
    'revisions',
    `${total} revisions in ${rows.groups.length} transactions of the writers, for ${acknowledged} acknowledged writes and none for ${refused} refused: ${kinds}`,
    result.problems,
  );
}
