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

/**
 * What each writer was told against the database at the end. Every claim of the run was created by a write that was
 * acknowledged, from its source, with its speakers. Each claim holds the words, date, retraction and stances of the
 * last acknowledged write that set them, by the claim's versions (an updateClaim at version v made v + 1) or, for a
 * stance, by the order of the writes' revisions of that row; a merged claim is gone and its key and id answer for
 * the claim it was merged into; every acknowledged import and recordClaim left its source's report on the claim
 * its entry names (or the claim that was merged into since). Refused writes left nothing: no source, key, words or
 * reason of theirs is stored. Writes that failed are allowed either way: they fail the answers check.
 */
export function checkAcknowledged(
  ledger: readonly LedgerEntry[],
  rows: SoakRows,
  matches: Matches,
  world: SoakWorld,
): CheckResult {
  const problems: string[] = [];
  const resolve = (id: number | undefined): StoredClaim | undefined => {
    if (id === undefined) return undefined;
    return rows.claims.get(id) ?? rows.claims.get(rows.mergedIds.get(id) ?? -1);
  };
  const resolveKey = (key: string) => rows.claimsByKey.get(key) ?? rows.claims.get(rows.mergedKeys.get(key) ?? -1);
  const targetOf = (claim: ClaimEntry) =>
    claim.sameAs ? resolve(Number(decodeGlobalID(claim.sameAs).id)) : resolveKey(claim.key!);
  const storyKeys = new Set(world.stories.map((story) => story.key));

  for (const [key, kept] of rows.mergedKeys) {
    if (rows.claimsByKey.has(key))
      problems.push(`the key ${key} names claim ${rows.claimsByKey.get(key)!.id} and was merged into ${kept}`);
    if (!rows.claims.has(kept)) problems.push(`the key ${key} was merged into claim ${kept}, which is not there`);
  }

  // Which write each revision of the writers belongs to, and which write created each claim.
  const writeOf = new Map<Revision, LedgerEntry>();
  const creatorOf = new Map<number, LedgerEntry>();
  for (const [entry, group] of matches) {
    for (const revision of group.revisions) {
      writeOf.set(revision, entry);
      if (revision.table === 'claims' && revision.action === 'INSERT') creatorOf.set(Number(revision.after!.id), entry);
    }
  }
  const acknowledged = (entry: LedgerEntry) => entry.outcome.kind === 'acknowledged';
  const failed = (entry: LedgerEntry) => entry.outcome.kind === 'failed';
  const updates = ofKind(ledger, 'updateClaim');
  const retractions = ofKind(ledger, 'retractClaim');
  const stanceRevisions = rows.groups
    .flatMap((group) => group.revisions)
    .filter((revision) => revision.table === 'claim_stances')
    .sort((a, b) => a.id - b.id);

  for (const claim of rows.claims.values()) {
    const what = `claim ${claim.id} (${claim.key})`;
    const creator = creatorOf.get(claim.id);
    const entry =
      creator?.request.kind === 'recordClaim'
        ? creator.request.claim
        : creator?.request.kind === 'importSource'
          ? creator.request.bundle.claims.find((candidate) => candidate.key === claim.key)
          : undefined;
    if (!creator || !entry) {
      problems.push(`${what} was created by no write of the ledger`);
      continue;
    }
    const sourceUrl =
      creator.request.kind === 'recordClaim'
        ? creator.request.sourceUrl
        : (creator.request as Request<'importSource'>).bundle.source.url;
    if (claim.sourceUrl !== sourceUrl)
      problems.push(`${what} was recorded by ${claim.sourceUrl}, not ${sourceUrl}, whose write created it`);
    if (JSON.stringify(claim.speakers) !== JSON.stringify(entry.speakers)) {
      problems.push(`${what} has speakers ${JSON.stringify(claim.speakers)}, not ${JSON.stringify(entry.speakers)}`);
    }

    // The words and the date: the acknowledged update with the highest version, else the entry that created it.
    const mine = updates.filter((update) => update.request.claimId === claim.id);
    const latest = (list: typeof mine) =>
      list
        .filter(acknowledged)
        .sort((a, b) => a.request.expectedVersion - b.request.expectedVersion)
        .at(-1);
    const lastText = latest(mine);
    const lastDate = latest(mine.filter((update) => update.request.changes.saidOn));
    const unknown = mine.filter(failed).map((update) => update.request.changes.text);
    const text = lastText?.request.changes.text ?? entry.text;
    if (claim.text !== text && !unknown.includes(claim.text)) {
      problems.push(
        `${what} says "${claim.text}", not "${text}"${lastText ? `, as ${describe(lastText)} set it` : ''}`,
      );
    }
    if (lastText && claim.version < lastText.request.expectedVersion + 1) {
      problems.push(
        `${what} is at version ${claim.version}, below the ${lastText.request.expectedVersion + 1} ${describe(lastText)} made`,
      );
    }
    const said = lastDate?.request.changes.saidOn?.value ?? entry.saidOn?.value;
    if (claim.saidStart !== said && !mine.some(failed)) {
      problems.push(
        `${what} was said on ${claim.saidStart}, not ${said}${lastDate ? `, as ${describe(lastDate)} set it` : ''}`,
      );
    }
    if (claim.placedStart !== claim.saidStart || claim.placedEnd !== claim.saidEnd) {
      problems.push(
        `${what} is placed at ${claim.placedStart}..${claim.placedEnd}, not where it was said, ${claim.saidStart}..${claim.saidEnd}`,
      );
    }

    const retracted = retractions.filter((retraction) => retraction.request.claimId === claim.id);
    const granted = retracted.filter(acknowledged);
    if (granted.length > 1)
      problems.push(`${what} was retracted ${granted.length} times: ${granted.map(describe).join(', ')}`);
    const reason = granted[0]?.request.reason ?? null;
    if (claim.retractionReason !== reason && !retracted.some(failed)) {
      problems.push(
        `${what} has retraction reason ${JSON.stringify(claim.retractionReason)}, not ${JSON.stringify(reason)}`,
      );
    }

    // Each stance: as the write of the last revision of its row asked.
    for (const proposition of world.propositions) {
      const propositionId = rows.propositionIds.get(proposition);
      const last = stanceRevisions
        .filter((revision) => {
          const row = (revision.after ?? revision.before)!;
          return row.claim_id === claim.id && row.proposition_id === propositionId;
        })
        .at(-1);
      const stored = claim.stances.get(proposition) ?? null;
      if (!last) {
        if (stored !== null) problems.push(`${what} takes ${stored} on ${proposition}, which no write gave it`);
        continue;
      }
      const write = writeOf.get(last);
      const asked = !write
        ? undefined
        : write.request.kind === 'setClaimStance'
          ? write.request.stance
          : write.request.kind === 'mergeClaims'
            ? (last.after?.stance as string | undefined)
            : entry.stances?.find((s) => s.proposition === proposition)?.stance;
      if (asked === undefined)
        problems.push(`${what}: the last change of its stance on ${proposition} is no write's of the ledger`);
      else if (stored !== asked && !(write && failed(write))) {
        problems.push(
          `${what} takes ${stored} on ${proposition}, not ${asked} as ${describe(write!)}, the last to change it, asked`,
        );
      }
    }
  }

  for (const merge of ofKind(ledger, 'mergeClaims')) {
    const { keep, merge: merged } = merge.request;
    if (acknowledged(merge)) {
      if (rows.claims.has(merged))
        problems.push(`${describe(merge)} was acknowledged, but claim ${merged} is still there`);
      const kept = rows.mergedIds.get(merged);
      if (kept === undefined)
        problems.push(`${describe(merge)} was acknowledged, but no merge of claim ${merged} is recorded`);
      else if (resolve(keep)?.id !== kept)
        problems.push(
          `${describe(merge)}: claim ${merged} answers for claim ${kept}, claim ${keep} for ${resolve(keep)?.id}`,
        );
    } else if (
      merge.outcome.kind === 'refused' &&
      merge.outcome.typename !== 'NotFoundError' &&
      !rows.claims.has(merged)
    ) {
      const other = ofKind(ledger, 'mergeClaims').some(
        (m) => m !== merge && m.request.merge === merged && m.outcome.kind !== 'refused',
      );
      if (!other)
        problems.push(`${describe(merge)} was refused, yet claim ${merged} is gone and no other merge took it`);
    }
  }

  // Every acknowledged import and recordClaim left its source's report on the claim its entry names, in the words of
  // one of that source's entries for that claim (two entries' claims merged since keep one report of the source).
  const reported = new Map<string, Set<string>>();
  const reports: { entry: LedgerEntry; url: string; claim: ClaimEntry; target: StoredClaim | undefined }[] = [];
  for (const write of ledger.filter(acknowledged)) {
    const sent =
      write.request.kind === 'importSource'
        ? write.request.bundle.claims.map((claim) => ({
            url: (write.request as Request<'importSource'>).bundle.source.url,
            claim,
          }))
        : write.request.kind === 'recordClaim'
          ? [{ url: write.request.sourceUrl, claim: write.request.claim }]
          : [];
    for (const { url, claim } of sent) {
      const target =
        write.request.kind === 'recordClaim'
          ? resolve(write.outcome.kind === 'acknowledged' ? write.outcome.data.claimId : undefined)
          : targetOf(claim);
      reports.push({ entry: write, url, claim, target });
      if (target) {
        const id = `${url} ${target.id}`;
        (reported.get(id) ?? reported.set(id, new Set()).get(id)!).add(claim.text);
      }
    }
  }
  for (const { entry, url, claim, target } of reports) {
    if (!target) {
      problems.push(`${describe(entry)}: the claim of its entry "${claim.text}" is not there`);
      continue;
    }
    const text = target.reports.get(url);
    if (text === undefined) problems.push(`${describe(entry)}: claim ${target.id} has no report of ${url}`);
    else if (!reported.get(`${url} ${target.id}`)!.has(text)) {
      problems.push(
        `${describe(entry)}: the report of ${url} on claim ${target.id} says "${text}", in no entry's words`,
      );
    }
  }

  // Refused writes left nothing of theirs.
  const nothingLeft = (entry: LedgerEntry, what: string) =>
    problems.push(`${describe(entry)} was refused, yet ${what}`);
  for (const write of ledger.filter((entry) => entry.outcome.kind === 'refused')) {
    const { request } = write;
    if (request.kind === 'importSource') {
      if (rows.sourceIds.has(request.bundle.source.url))
        nothingLeft(write, `its source ${request.bundle.source.url} is stored`);
      for (const claim of request.bundle.claims) {
        if (claim.key && !storyKeys.has(claim.key) && resolveKey(claim.key))
          nothingLeft(write, `its claim ${claim.key} is stored`);
      }
    } else if (request.kind === 'recordClaim') {
      if (resolveKey(request.claim.key!)) nothingLeft(write, `its claim ${request.claim.key} is stored`);
    } else if (request.kind === 'updateClaim') {
      if (rows.texts.has(request.changes.text)) nothingLeft(write, `a claim says "${request.changes.text}"`);
    } else if (request.kind === 'retractClaim') {
      if (rows.reasons.has(request.reason)) nothingLeft(write, `a claim was retracted for "${request.reason}"`);
    }
  }

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
