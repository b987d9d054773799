import { eq, inArray } from 'drizzle-orm';
import { type Database, MAX_ROW_ID } from '../../../db/database.js';
import { claimMerges, claims, sources } from '../../../db/schema.js';
import { ValidationError, type ValidationIssue } from '../../validation-error.js';
import { ConcurrentWriteError } from '../../writes/write-transaction.js';
import { claimKey } from '../claim-key.js';
import type { SourceBundle } from '../source-bundle.js';

/** The natural key of each of the bundle's claims, in order; a bundle that names one claim twice is refused. */
export async function claimKeys(bundle: SourceBundle): Promise<string[]> {
  const keys = await Promise.all(bundle.claims.map((claim) => claimKey(claim, bundle.source.url)));
  const firstIndex = new Map<string, number>();
  const repeats: ValidationIssue[] = [];
  keys.forEach((key, index) => {
    if (bundle.claims[index]!.sameAs) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else
      repeats.push({
        path: `claims[${index}]`,
        message: `repeats claims[${first}]: the same speakers, words and date`,
      });
  });
  if (repeats.length > 0) throw new ValidationError(repeats);
  return keys;
}

/**
 * The claims whosaid already has that the bundle reports, by the index of the bundle's entry: an entry that names a
 * claim by `sameAs`, or by the key of a claim another source recorded, or by the key of a claim since merged into
 * another, is this source's report of that claim and leaves the claim as it is. An unknown `sameAs` is refused.
 */
export async function reportedClaims(tx: Database, bundle: SourceBundle, keys: string[]): Promise<Map<number, number>> {
  const reported = new Map<number, number>();
  const issues: ValidationIssue[] = [];
  const named = bundle.claims.flatMap((claim, index) => (claim.sameAs ? [{ index, sameAs: claim.sameAs }] : []));
  const namedIds = named.map(({ sameAs }) => claimIdOf(sameAs));
  const wanted = namedIds.filter((id): id is number => id !== null);
  const [existing, merged] = await Promise.all([
    wanted.length ? tx.select({ id: claims.id }).from(claims).where(inArray(claims.id, wanted)) : [],
    wanted.length
      ? tx
          .select({ from: claimMerges.mergedClaimId, to: claimMerges.keptClaimId })
          .from(claimMerges)
          .where(inArray(claimMerges.mergedClaimId, wanted))
      : [],
  ]);
  const known = new Set(existing.map((row) => row.id));
  const mergedInto = new Map(merged.map((row) => [row.from, row.to]));
  named.forEach(({ index, sameAs }, i) => {
    const id = namedIds[i];
    const target = id === null || id === undefined ? undefined : known.has(id) ? id : mergedInto.get(id);
    if (target === undefined) issues.push({ path: `claims[${index}].sameAs`, message: `"${sameAs}" names no claim` });
    else reported.set(index, target);
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const keyed = keys.filter((_, index) => !bundle.claims[index]!.sameAs);
  const [stored, mergedKeys] = keyed.length
    ? await Promise.all([
        tx
          .select({ key: claims.key, id: claims.id, sourceUrl: sources.url })
          .from(claims)
          .innerJoin(sources, eq(sources.id, claims.sourceId))
          .where(inArray(claims.key, keyed)),
        tx
          .select({ key: claimMerges.mergedKey, id: claimMerges.keptClaimId })
          .from(claimMerges)
          .where(inArray(claimMerges.mergedKey, keyed)),
      ])
    : [[], []];
  const ofOtherSources = stored.filter((row) => row.sourceUrl !== bundle.source.url);
  const byKey = new Map([...ofOtherSources, ...mergedKeys].map((row) => [row.key, row.id]));
  keys.forEach((key, index) => {
    const id = bundle.claims[index]!.sameAs ? undefined : byKey.get(key);
    if (id !== undefined) reported.set(index, id);
  });
  // An entry that says which source recorded its claim reports that claim, and never records one itself.
  const recorders = new Map(ofOtherSources.map((row) => [row.key, row.sourceUrl]));
  bundle.claims.forEach((claim, index) => {
    if (claim.recordedBy === undefined) return;
    const recorder = recorders.get(keys[index]!);
    if (recorder !== undefined && recorder !== claim.recordedBy) {
      issues.push({ path: `claims[${index}].recordedBy`, message: `the claim was recorded by ${recorder}` });
    }
    if (reported.has(index)) return;
    issues.push({
      path: `claims[${index}].key`,
      message: `"${keys[index]}" names no claim whosaid has: import the bundle of ${claim.recordedBy} first`,
    });
  });
  if (issues.length > 0) throw new ValidationError(issues);

  // A source reports a claim once: two entries that come to one claim (by sameAs, by a merged claim's key, or by the
  // key of the claim this source recorded) are refused, as two entries with one key are.
  const own = new Map(stored.filter((row) => row.sourceUrl === bundle.source.url).map((row) => [row.key, row.id]));
  const firstIndex = new Map<number, number>();
  keys.forEach((key, index) => {
    const id = reported.get(index) ?? (bundle.claims[index]!.sameAs ? undefined : own.get(key));
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else issues.push({ path: `claims[${index}]`, message: `reports the same claim as claims[${first}]` });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  await lockClaims(tx, [...reported.values(), ...own.values()]);
  return reported;
}

/**
 * Keeps the claims the import goes on to report or rewrite from being merged away (deleted) before it commits. One
 * that a merge deleted after the import looked it up is gone by now, and the import is run again to look afresh: its
 * key then answers for the kept claim.
 */
async function lockClaims(tx: Database, ids: number[]): Promise<void> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return;
  const locked = await tx
    .select({ id: claims.id })
    .from(claims)
    .where(inArray(claims.id, [...wanted]))
    .for('key share');
  if (locked.length < wanted.size) {
    throw new ConcurrentWriteError('A claim this import reports was merged into another while it ran');
  }
}

/** A claim's id from its GraphQL id (base64 of "Claim:<id>"), or null when it is not one. */
function claimIdOf(globalId: string): number | null {
  let decoded: string;
  try {
    decoded = atob(globalId);
  } catch {
    return null;
  }
  const match = /^Claim:([1-9][0-9]{0,9})$/.exec(decoded);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id <= MAX_ROW_ID ? id : null;
}
