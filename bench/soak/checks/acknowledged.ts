import { decodeGlobalID } from '@pothos/plugin-relay';
import type { LedgerEntry, WriteRequest } from '../ledger.js';
import type { ClaimEntry, SoakWorld } from '../world.js';
import { type CheckResult, checkResult } from './check-result.js';
import { describe, type Matches } from './revisions.js';
import type { Revision, SoakRows, StoredClaim } from './soak-rows.js';

type Request<K extends WriteRequest['kind']> = Extract<WriteRequest, { kind: K }>;
type Entry<K extends WriteRequest['kind']> = LedgerEntry & { request: Request<K> };

const ofKind = <K extends WriteRequest['kind']>(ledger: readonly LedgerEntry[], kind: K) =>
  ledger.filter((entry): entry is Entry<K> => entry.request.kind === kind);

const acknowledged = (entry: LedgerEntry) => entry.outcome.kind === 'acknowledged';
const failed = (entry: LedgerEntry) => entry.outcome.kind === 'failed';

/** The database's answers to "which claim is this now": a claim merged away answers for the claim it went into. */
class Claims {
  constructor(readonly rows: SoakRows) {}

  byId(id: number | undefined): StoredClaim | undefined {
    if (id === undefined) return undefined;
    return this.rows.claims.get(id) ?? this.rows.claims.get(this.rows.mergedIds.get(id) ?? -1);
  }

  byKey(key: string): StoredClaim | undefined {
    return this.rows.claimsByKey.get(key) ?? this.rows.claims.get(this.rows.mergedKeys.get(key) ?? -1);
  }

  /** The claim a bundle's entry names now: by `sameAs`, or by its key. */
  of(claim: ClaimEntry): StoredClaim | undefined {
    return claim.sameAs ? this.byId(Number(decodeGlobalID(claim.sameAs).id)) : this.byKey(claim.key!);
  }
}

/** What the revisions tell of the ledger: which write each revision belongs to, which write created each claim. */
interface Written {
  writeOf: Map<Revision, LedgerEntry>;
  creatorOf: Map<number, LedgerEntry>;
  /** Every revision of claim_stances by the writers, in order. */
  stanceRevisions: Revision[];
}

function writtenOf(matches: Matches, rows: SoakRows): Written {
  const writeOf = new Map<Revision, LedgerEntry>();
  const creatorOf = new Map<number, LedgerEntry>();
  for (const [entry, group] of matches) {
    for (const revision of group.revisions) {
      writeOf.set(revision, entry);
      if (revision.table === 'claims' && revision.action === 'INSERT') creatorOf.set(Number(revision.after!.id), entry);
    }
  }
  const stanceRevisions = rows.groups
    .flatMap((group) => group.revisions)
    .filter((revision) => revision.table === 'claim_stances')
    .sort((a, b) => a.id - b.id);
  return { writeOf, creatorOf, stanceRevisions };
}

/**
 * What each writer was told against the database at the end. Every claim of the run was created by a write that was
 * acknowledged, from its source, with its speakers. Each claim holds the words, date, retraction and stances of the
 * last acknowledged write that set them, by the claim's versions (an updateClaim at version v made v + 1) or, for a
 * stance, by the order of the writes' revisions of that row, and is placed where it was said; a merged claim is gone
 * and its key and id answer for the claim it was merged into; every acknowledged import and recordClaim left its
 * source's report on the claim its entry names (or the claim that was merged into since). Refused writes left
 * nothing: no source, key, words or reason of theirs is stored. Writes that failed are allowed either way: they fail
 * the answers check.
 */
export function checkAcknowledged(
  ledger: readonly LedgerEntry[],
  rows: SoakRows,
  matches: Matches,
  world: SoakWorld,
): CheckResult {
  const claims = new Claims(rows);
  const written = writtenOf(matches, rows);
  const problems = [
    ...mergedKeyProblems(rows),
    ...[...rows.claims.values()].flatMap((claim) => claimProblems(claim, ledger, written, rows, world)),
    ...mergeProblems(ledger, claims),
    ...reportProblems(ledger, claims),
    ...refusalProblems(ledger, claims, world),
  ];
  const count = (kind: LedgerEntry['outcome']['kind']) => ledger.filter((entry) => entry.outcome.kind === kind).length;
  return checkResult(
    'acknowledged writes',
    `${count('acknowledged')} acknowledged writes against ${rows.claims.size} claims of the run (${rows.mergedIds.size} more merged away): ${
      problems.length === 0
        ? 'each is stored as acknowledged or superseded by a later acknowledged one'
        : `${problems.length} problems`
    }; ${count('refused')} refused writes${problems.length === 0 ? ' left nothing' : ''}`,
    problems,
  );
}

/** A merged claim's key answers for the claim it went into, and for no claim of its own. */
function mergedKeyProblems(rows: SoakRows): string[] {
  return [...rows.mergedKeys].flatMap(([key, kept]) => [
    ...(rows.claimsByKey.has(key)
      ? [`the key ${key} names claim ${rows.claimsByKey.get(key)!.id} and was merged into ${kept}`]
      : []),
    ...(rows.claims.has(kept) ? [] : [`the key ${key} was merged into claim ${kept}, which is not there`]),
  ]);
}

/** One claim as its creating write, the acknowledged writes since and the revisions of its stances say it must be. */
function claimProblems(
  claim: StoredClaim,
  ledger: readonly LedgerEntry[],
  written: Written,
  rows: SoakRows,
  world: SoakWorld,
): string[] {
  const what = `claim ${claim.id} (${claim.key})`;
  const creator = written.creatorOf.get(claim.id);
  const origin =
    creator?.request.kind === 'recordClaim'
      ? { url: creator.request.sourceUrl, entry: creator.request.claim }
      : creator?.request.kind === 'importSource'
        ? {
            url: creator.request.bundle.source.url,
            entry: creator.request.bundle.claims.find((candidate) => candidate.key === claim.key),
          }
        : undefined;
  const entry = origin?.entry;
  if (!origin || !entry) return [`${what} was created by no write of the ledger`];
  const problems: string[] = [];
  if (claim.sourceUrl !== origin.url) {
    problems.push(`${what} was recorded by ${claim.sourceUrl}, not ${origin.url}, whose write created it`);
  }
  if (JSON.stringify(claim.speakers) !== JSON.stringify(entry.speakers)) {
    problems.push(`${what} has speakers ${JSON.stringify(claim.speakers)}, not ${JSON.stringify(entry.speakers)}`);
  }
  problems.push(
    ...wordsAndDateProblems(what, claim, entry, ledger),
    ...retractionProblems(what, claim, ledger),
    ...world.propositions.flatMap((proposition) => stanceProblems(what, claim, proposition, entry, written, rows)),
  );
  return problems;
}

/** The words and the date: the acknowledged update with the highest version, else the entry that created it. */
function wordsAndDateProblems(
  what: string,
  claim: StoredClaim,
  entry: ClaimEntry,
  ledger: readonly LedgerEntry[],
): string[] {
  const problems: string[] = [];
  const updates = ofKind(ledger, 'updateClaim').filter((update) => update.request.claimId === claim.id);
  const latest = (list: typeof updates) =>
    list
      .filter(acknowledged)
      .sort((a, b) => a.request.expectedVersion - b.request.expectedVersion)
      .at(-1);
  const lastText = latest(updates);
  const lastDate = latest(updates.filter((update) => update.request.changes.saidOn));
  const text = lastText?.request.changes.text ?? entry.text;
  const unknown = updates.filter(failed).map((update) => update.request.changes.text);
  if (claim.text !== text && !unknown.includes(claim.text)) {
    problems.push(`${what} says "${claim.text}", not "${text}"${lastText ? `, as ${describe(lastText)} set it` : ''}`);
  }
  if (lastText && claim.version < lastText.request.expectedVersion + 1) {
    problems.push(
      `${what} is at version ${claim.version}, below the ${lastText.request.expectedVersion + 1} ${describe(lastText)} made`,
    );
  }
  const said = lastDate?.request.changes.saidOn?.value ?? entry.saidOn?.value;
  if (claim.saidStart !== said && !updates.some(failed)) {
    problems.push(
      `${what} was said on ${claim.saidStart}, not ${said}${lastDate ? `, as ${describe(lastDate)} set it` : ''}`,
    );
  }
  // Every claim of the soak says when it was said, and no report of it can place it elsewhere.
  if (claim.placedStart !== claim.saidStart || claim.placedEnd !== claim.saidEnd) {
    problems.push(
      `${what} is placed at ${claim.placedStart}..${claim.placedEnd}, not where it was said, ${claim.saidStart}..${claim.saidEnd}`,
    );
  }
  return problems;
}

/** Retracted once, for the reason of the one retraction acknowledged, or not at all. */
function retractionProblems(what: string, claim: StoredClaim, ledger: readonly LedgerEntry[]): string[] {
  const retractions = ofKind(ledger, 'retractClaim').filter((retraction) => retraction.request.claimId === claim.id);
  const granted = retractions.filter(acknowledged);
  const problems =
    granted.length > 1 ? [`${what} was retracted ${granted.length} times: ${granted.map(describe).join(', ')}`] : [];
  const reason = granted[0]?.request.reason ?? null;
  if (claim.retractionReason !== reason && !retractions.some(failed)) {
    problems.push(
      `${what} has retraction reason ${JSON.stringify(claim.retractionReason)}, not ${JSON.stringify(reason)}`,
    );
  }
  return problems;
}

/** The stance on one proposition: as the write of the last revision of its row asked. */
function stanceProblems(
  what: string,
  claim: StoredClaim,
  proposition: string,
  entry: ClaimEntry,
  written: Written,
  rows: SoakRows,
): string[] {
  const propositionId = rows.propositionIds.get(proposition);
  const last = written.stanceRevisions
    .filter((revision) => {
      const row = (revision.after ?? revision.before)!;
      return row.claim_id === claim.id && row.proposition_id === propositionId;
    })
    .at(-1);
  const stored = claim.stances.get(proposition) ?? null;
  if (!last) return stored === null ? [] : [`${what} takes ${stored} on ${proposition}, which no write gave it`];
  const write = written.writeOf.get(last);
  if (!write) return [`${what}: the last change of its stance on ${proposition} is no write's of the ledger`];
  const asked =
    write.request.kind === 'setClaimStance'
      ? write.request.stance
      : write.request.kind === 'mergeClaims'
        ? String(last.after?.stance)
        : (entry.stances?.find((s) => s.proposition === proposition)?.stance ?? null);
  return stored === asked || failed(write)
    ? []
    : [`${what} takes ${stored} on ${proposition}, not ${asked} as ${describe(write)}, the last to change it, asked`];
}

/** An acknowledged merge took its claim away into the kept one; a refused one left it, unless another took it. */
function mergeProblems(ledger: readonly LedgerEntry[], claims: Claims): string[] {
  const merges = ofKind(ledger, 'mergeClaims');
  return merges.flatMap((merge): string[] => {
    const { keep, merge: merged } = merge.request;
    if (acknowledged(merge)) {
      if (claims.rows.claims.has(merged))
        return [`${describe(merge)} was acknowledged, but claim ${merged} is still there`];
      const kept = claims.rows.mergedIds.get(merged);
      if (kept === undefined)
        return [`${describe(merge)} was acknowledged, but no merge of claim ${merged} is recorded`];
      const keeper = claims.byId(keep)?.id;
      return keeper === kept
        ? []
        : [`${describe(merge)}: claim ${merged} answers for claim ${kept}, claim ${keep} for ${keeper}`];
    }
    const refusedWhileThere = merge.outcome.kind === 'refused' && merge.outcome.typename !== 'NotFoundError';
    if (!refusedWhileThere || claims.rows.claims.has(merged)) return [];
    const taken = merges.some((other) => other.request.merge === merged && other.outcome.kind !== 'refused');
    return taken ? [] : [`${describe(merge)} was refused, yet claim ${merged} is gone and no other merge took it`];
  });
}

/**
 * Every acknowledged import and recordClaim left its source's report on the claim its entry names, in the words of one
 * of that source's entries for that claim (two entries' claims merged since keep one report of the source).
 */
function reportProblems(ledger: readonly LedgerEntry[], claims: Claims): string[] {
  const sent = ledger.filter(acknowledged).flatMap((write) => {
    const { request, outcome } = write;
    if (request.kind === 'recordClaim') {
      const target = claims.byId(outcome.kind === 'acknowledged' ? outcome.data.claimId : undefined);
      return [{ write, url: request.sourceUrl, claim: request.claim, target }];
    }
    if (request.kind !== 'importSource') return [];
    const url = request.bundle.source.url;
    return request.bundle.claims.map((claim) => ({ write, url, claim, target: claims.of(claim) }));
  });
  const words = new Map<string, Set<string>>();
  for (const { url, claim, target } of sent) {
    if (!target) continue;
    const id = `${url} ${target.id}`;
    (words.get(id) ?? words.set(id, new Set()).get(id)!).add(claim.text);
  }
  return sent.flatMap(({ write, url, claim, target }) => {
    if (!target) return [`${describe(write)}: the claim of its entry "${claim.text}" is not there`];
    const text = target.reports.get(url);
    if (text === undefined) return [`${describe(write)}: claim ${target.id} has no report of ${url}`];
    return words.get(`${url} ${target.id}`)!.has(text)
      ? []
      : [`${describe(write)}: the report of ${url} on claim ${target.id} says "${text}", in no entry's words`];
  });
}

/** Refused writes left nothing of theirs: their source, their claims' keys, their words, their reasons. */
function refusalProblems(ledger: readonly LedgerEntry[], claims: Claims, world: SoakWorld): string[] {
  const storyKeys = new Set(world.stories.map((story) => story.key));
  return ledger
    .filter((entry) => entry.outcome.kind === 'refused')
    .flatMap((write) => {
      const { request } = write;
      const left: string[] = [];
      if (request.kind === 'importSource') {
        if (claims.rows.sourceIds.has(request.bundle.source.url))
          left.push(`its source ${request.bundle.source.url} is stored`);
        for (const claim of request.bundle.claims) {
          if (claim.key && !storyKeys.has(claim.key) && claims.byKey(claim.key))
            left.push(`its claim ${claim.key} is stored`);
        }
      } else if (request.kind === 'recordClaim') {
        if (claims.byKey(request.claim.key!)) left.push(`its claim ${request.claim.key} is stored`);
      } else if (request.kind === 'updateClaim') {
        if (claims.rows.texts.has(request.changes.text)) left.push(`a claim says "${request.changes.text}"`);
      } else if (request.kind === 'retractClaim') {
        if (claims.rows.reasons.has(request.reason)) left.push(`a claim was retracted for "${request.reason}"`);
      }
      return left.map((what) => `${describe(write)} was refused, yet ${what}`);
    });
}
