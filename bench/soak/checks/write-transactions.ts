// What each kind of write's transaction holds: how the revisions check recognises it among a writer's transactions,
// and the revisions it must be made of.
import type { LedgerEntry, WriteRequest } from '../ledger.js';
import type { ClaimEntry } from '../world.js';
import type { Revision, RevisionGroup, SoakRows } from './soak-rows.js';

type Request<K extends WriteRequest['kind']> = Extract<WriteRequest, { kind: K }>;

const changedColumns = (revision: Revision): string[] =>
  Object.keys({ ...revision.before, ...revision.after }).filter(
    (column) => JSON.stringify(revision.before?.[column]) !== JSON.stringify(revision.after?.[column]),
  );

/** The columns a write may change beside the ones it names: the row's version and time, what follows from them. */
const BOOKKEEPING = ['version', 'updated_at', 'search_document'];
const PLACEMENT = ['placed_start', 'placed_end'];
const SAID = ['said_start', 'said_end', 'said_precision', 'said_approximate', 'said_text'];
const DRIFT = ['drifted'];

function onlyColumns(revision: Revision, allowed: readonly string[], what: string): string[] {
  const others = changedColumns(revision).filter(
    (column) => !BOOKKEEPING.includes(column) && !allowed.includes(column),
  );
  return others.length === 0 ? [] : [`${what} changed ${others.join(', ')} of ${revisionName(revision)}`];
}

export const revisionName = (revision: Revision) =>
  `${revision.table} ${JSON.stringify(revision.after?.id ?? revision.before?.id ?? revision.after ?? revision.before)} (revision ${revision.id}, ${revision.action})`;

const of = (group: RevisionGroup, table: string, action?: Revision['action']) =>
  group.revisions.filter((revision) => revision.table === table && (!action || revision.action === action));

export const claimIdOfRevision = (revision: Revision) => Number((revision.after ?? revision.before)!.claim_id);

/** A claim placed where it was said, as every claim of the soak must be: each has a saidOn. */
function placedWhereSaid(revision: Revision): string[] {
  const row = revision.after;
  if (!row || row.said_start === null) return [];
  return row.placed_start === row.said_start && row.placed_end === row.said_end
    ? []
    : [
        `${revisionName(revision)} placed the claim at ${row.placed_start}..${row.placed_end}, not where it was said, ${row.said_start}..${row.said_end}`,
      ];
}

/**
 * How each kind of write is recognised among a writer's transactions, and what its transaction must hold: exactly
 * the revisions that kind of write makes, with the values the write asked for.
 */
const KINDS = {
  importSource: {
    recognises: (request: Request<'importSource'>, group: RevisionGroup) =>
      of(group, 'sources', 'INSERT').some((revision) => revision.after!.url === request.bundle.source.url),
    verify: (entry: LedgerEntry, request: Request<'importSource'>, group: RevisionGroup, rows: SoakRows) => {
      const problems: string[] = [];
      const what = `importSource of ${request.bundle.source.url}`;
      const sourceRevisions = of(group, 'sources');
      if (sourceRevisions.length !== 1)
        problems.push(`${what} wrote ${sourceRevisions.length} sources revisions, not 1`);
      const sourceId = sourceRevisions[0]!.after!.id;
      const entries = request.bundle.claims;
      const texts = new Set(entries.map((claim) => claim.text));
      const created = of(group, 'claims', 'INSERT');
      const createdIds = new Set(created.map((revision) => Number(revision.after!.id)));
      for (const revision of created) {
        const claim = entries.find((candidate) => candidate.key === revision.after!.key);
        if (!claim) problems.push(`${what} created ${revisionName(revision)} with the key of none of its entries`);
        else problems.push(...createdAsEntry(what, revision, claim, sourceId, group, rows));
      }
      for (const revision of of(group, 'claims', 'UPDATE')) {
        const whose = createdIds.has(Number(revision.after!.id))
          ? what
          : `${what}, reporting a claim another source recorded,`;
        problems.push(...onlyColumns(revision, PLACEMENT, whose), ...placedWhereSaid(revision));
      }
      const reports = of(group, 'claim_reports', 'INSERT');
      for (const revision of reports) {
        if (revision.after!.source_id !== sourceId)
          problems.push(`${what} wrote ${revisionName(revision)} of another source`);
        if (!texts.has(String(revision.after!.text)))
          problems.push(`${what} wrote ${revisionName(revision)} in words none of its entries has`);
      }
      for (const revision of of(group, 'claim_reports', 'UPDATE')) problems.push(...onlyColumns(revision, DRIFT, what));
      for (const claim of entries) {
        const mine = created.some((revision) => revision.after!.key === claim.key && claim.key !== undefined);
        if (!mine && !reports.some((revision) => revision.after!.text === claim.text)) {
          problems.push(`${what}: its entry "${claim.text}" left neither a claim nor a report`);
        }
      }
      for (const table of ['claim_speakers', 'claim_stances', 'claim_events']) {
        for (const revision of of(group, table)) {
          if (revision.action !== 'INSERT' || !createdIds.has(claimIdOfRevision(revision))) {
            problems.push(`${what} wrote ${revisionName(revision)}, not a claim it created`);
          }
        }
      }
      problems.push(
        ...unexpectedTables(what, group, [
          'sources',
          'claims',
          'claim_reports',
          'claim_speakers',
          'claim_stances',
          'claim_events',
        ]),
      );
      const summary = entry.outcome.kind === 'acknowledged' ? entry.outcome.data.summary : undefined;
      if (summary) {
        const said = {
          sources: summary.sources.created,
          claims: summary.claims.created,
          reports: summary.reports.created,
        };
        const wrote = {
          sources: of(group, 'sources', 'INSERT').length,
          claims: created.length,
          reports: reports.length,
        };
        if (JSON.stringify(said) !== JSON.stringify(wrote)) {
          problems.push(
            `${what} answered it created ${JSON.stringify(said)}, its revisions say ${JSON.stringify(wrote)}`,
          );
        }
      }
      return problems;
    },
  },
  recordClaim: {
    recognises: (request: Request<'recordClaim'>, group: RevisionGroup) =>
      of(group, 'claims', 'INSERT').some((revision) => revision.after!.key === request.claim.key),
    verify: (entry: LedgerEntry, request: Request<'recordClaim'>, group: RevisionGroup, rows: SoakRows) => {
      const what = `recordClaim ${request.claim.key}`;
      const created = of(group, 'claims', 'INSERT');
      const problems: string[] = [];
      if (created.length !== 1) problems.push(`${what} created ${created.length} claims, not 1`);
      const revision = created[0]!;
      const claimId = Number(revision.after!.id);
      if (entry.outcome.kind === 'acknowledged' && entry.outcome.data.claimId !== claimId) {
        problems.push(`${what} answered claim ${entry.outcome.data.claimId}, its revisions created claim ${claimId}`);
      }
      problems.push(
        ...createdAsEntry(what, revision, request.claim, rows.sourceIds.get(request.sourceUrl), group, rows),
      );
      const reports = of(group, 'claim_reports', 'INSERT');
      if (reports.length !== 1 || reports[0]!.after!.text !== request.claim.text) {
        problems.push(`${what} wrote ${reports.length} reports, not its one report in its words`);
      }
      for (const update of of(group, 'claims', 'UPDATE')) problems.push(...onlyColumns(update, PLACEMENT, what));
      for (const update of of(group, 'claim_reports', 'UPDATE')) problems.push(...onlyColumns(update, DRIFT, what));
      for (const child of group.revisions.filter((r) => r.table !== 'claims' && r.table !== 'claim_reports')) {
        if (child.action !== 'INSERT' || claimIdOfRevision(child) !== claimId)
          problems.push(`${what} wrote ${revisionName(child)}`);
      }
      problems.push(...unexpectedTables(what, group, ['claims', 'claim_reports', 'claim_speakers', 'claim_stances']));
      return problems;
    },
  },
  updateClaim: {
    recognises: (request: Request<'updateClaim'>, group: RevisionGroup) =>
      of(group, 'claims', 'UPDATE').some(
        (revision) => revision.after!.id === request.claimId && revision.after!.text === request.changes.text,
      ),
    verify: (_entry: LedgerEntry, request: Request<'updateClaim'>, group: RevisionGroup) => {
      const what = `updateClaim of claim ${request.claimId} at version ${request.expectedVersion}`;
      const updated = of(group, 'claims', 'UPDATE');
      if (updated.length !== 1) return [`${what} wrote ${updated.length} claims revisions, not 1`];
      const [revision] = updated as [Revision];
      const problems = [...onlyColumns(revision, ['text', ...SAID, ...PLACEMENT], what), ...placedWhereSaid(revision)];
      if (
        revision.before!.version !== request.expectedVersion ||
        revision.after!.version !== request.expectedVersion + 1
      ) {
        problems.push(`${what} took the claim from version ${revision.before!.version} to ${revision.after!.version}`);
      }
      const saidOn = request.changes.saidOn?.value;
      if (saidOn && revision.after!.said_start !== saidOn) {
        problems.push(`${what} set said_start ${revision.after!.said_start}, not ${saidOn}`);
      }
      // A claim that moves in time moves its speakers' copies of its dates too (a cascading foreign key), which
      // records no revision (drizzle/*_claim_speakers_revisions_of_who_spoke): the claim's one is all there is.
      const others = group.revisions.length - 1;
      if (others > 0) problems.push(`${what} wrote ${others} revisions beside the claim's`);
      return problems;
    },
  },
  setClaimStance: {
    recognises: (request: Request<'setClaimStance'>, group: RevisionGroup, rows: SoakRows) =>
      group.revisions.length > 0 &&
      group.revisions.every(
        (revision) =>
          revision.table === 'claim_stances' &&
          claimIdOfRevision(revision) === request.claimId &&
          (revision.after ?? revision.before)!.proposition_id === rows.propositionIds.get(request.proposition),
      ),
    verify: (_entry: LedgerEntry, request: Request<'setClaimStance'>, group: RevisionGroup) => {
      const what = `setClaimStance of claim ${request.claimId} on ${request.proposition} to ${request.stance}`;
      if (group.revisions.length !== 1)
        return [
          `${what} wrote ${group.revisions.length} revisions, not 1: ${group.revisions.map(revisionName).join('; ')}`,
        ];
      const [revision] = group.revisions as [Revision];
      if (request.stance === null)
        return revision.action === 'DELETE' ? [] : [`${what} wrote ${revisionName(revision)}`];
      if (revision.action === 'DELETE' || revision.after!.stance !== request.stance) {
        return [`${what} wrote ${revisionName(revision)} with stance ${revision.after?.stance}`];
      }
      return revision.action === 'UPDATE' && revision.before!.stance === request.stance
        ? [`${what} recorded an update that changed nothing`]
        : [];
    },
  },
  retractClaim: {
    recognises: (request: Request<'retractClaim'>, group: RevisionGroup) =>
      of(group, 'claims', 'UPDATE').some((revision) => revision.after!.retraction_reason === request.reason),
    verify: (_entry: LedgerEntry, request: Request<'retractClaim'>, group: RevisionGroup) => {
      const what = `retractClaim of claim ${request.claimId}`;
      if (group.revisions.length !== 1)
        return [
          `${what} wrote ${group.revisions.length} revisions, not 1: ${group.revisions.map(revisionName).join('; ')}`,
        ];
      const [revision] = group.revisions as [Revision];
      const problems = onlyColumns(revision, ['retracted_at', 'retraction_reason'], what);
      if (revision.after!.id !== request.claimId) problems.push(`${what} retracted ${revisionName(revision)}`);
      if (revision.before!.retracted_at !== null) problems.push(`${what} retracted a claim retracted already`);
      return problems;
    },
  },
  mergeClaims: {
    recognises: (request: Request<'mergeClaims'>, group: RevisionGroup) =>
      of(group, 'claims', 'DELETE').some((revision) => revision.before!.id === request.merge),
    verify: (_entry: LedgerEntry, request: Request<'mergeClaims'>, group: RevisionGroup) => {
      const { keep, merge, expectedVersions } = request;
      const what = `mergeClaims of claim ${merge} into ${keep}`;
      const problems: string[] = [];
      for (const revision of group.revisions) {
        const row = (revision.after ?? revision.before)!;
        const fits = (() => {
          switch (revision.table) {
            case 'claims':
              if (revision.action === 'DELETE')
                return row.id === merge && revision.before!.version === expectedVersions.merge;
              return (
                revision.action === 'UPDATE' &&
                row.id === keep &&
                revision.before!.version === expectedVersions.keep &&
                onlyColumns(revision, PLACEMENT, what).length === 0 &&
                placedWhereSaid(revision).length === 0
              );
            case 'claim_merges':
              return revision.action === 'INSERT'
                ? row.merged_claim_id === merge && row.kept_claim_id === keep
                : revision.action === 'UPDATE' &&
                    revision.before!.kept_claim_id === merge &&
                    row.kept_claim_id === keep;
            case 'claim_reports':
              if (revision.action === 'DELETE') return row.claim_id === merge;
              if (revision.action !== 'UPDATE') return false;
              return revision.before!.claim_id === merge
                ? revision.after!.claim_id === keep
                : row.claim_id === keep && onlyColumns(revision, DRIFT, what).length === 0;
            case 'claim_stances':
            case 'claim_events':
              return revision.action === 'INSERT'
                ? row.claim_id === keep
                : revision.action === 'DELETE' && row.claim_id === merge;
            case 'claim_speakers':
              return revision.action === 'DELETE' && row.claim_id === merge;
            default:
              return false;
          }
        })();
        if (!fits)
          problems.push(`${what} (at versions ${JSON.stringify(expectedVersions)}) wrote ${revisionName(revision)}`);
      }
      if (of(group, 'claim_merges', 'INSERT').length !== 1) problems.push(`${what} recorded no merge of its key`);
      return problems;
    },
  },
} as const;

/** A new claim's revisions are its entry: the key, the source, the words and the date, its speakers and stances. */
function createdAsEntry(
  what: string,
  revision: Revision,
  claim: ClaimEntry,
  sourceId: unknown,
  group: RevisionGroup,
  rows: SoakRows,
): string[] {
  const row = revision.after!;
  const problems: string[] = [];
  const expected = {
    key: claim.key,
    source_id: sourceId,
    text: claim.text,
    mode: claim.mode,
    said_start: claim.saidOn?.value,
  };
  const stored = { key: row.key, source_id: row.source_id, text: row.text, mode: row.mode, said_start: row.said_start };
  if (JSON.stringify(expected) !== JSON.stringify(stored)) {
    problems.push(
      `${what} created ${revisionName(revision)} as ${JSON.stringify(stored)}, not ${JSON.stringify(expected)}`,
    );
  }
  const children = (table: string) =>
    of(group, table, 'INSERT')
      .map((child) => child.after!)
      .filter((child) => child.claim_id === row.id);
  const speakers = children('claim_speakers')
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((child) => child.actor_id);
  const stances = children('claim_stances')
    .map((child) => `${child.proposition_id} ${child.stance}`)
    .sort();
  const wanted = {
    speakers: (claim.speakers ?? []).map((slug) => rows.actorIds.get(slug)),
    stances: (claim.stances ?? []).map((s) => `${rows.propositionIds.get(s.proposition)} ${s.stance}`).sort(),
    events: (claim.events ?? []).length,
  };
  const got = { speakers, stances, events: children('claim_events').length };
  if (JSON.stringify(wanted) !== JSON.stringify(got)) {
    problems.push(`${what} gave claim ${row.id} ${JSON.stringify(got)}, not ${JSON.stringify(wanted)}`);
  }
  return problems;
}

function unexpectedTables(what: string, group: RevisionGroup, tables: readonly string[]): string[] {
  return group.revisions
    .filter((revision) => !tables.includes(revision.table))
    .map((revision) => `${what} wrote ${revisionName(revision)}`);
}

export function recognises(entry: LedgerEntry, group: RevisionGroup, rows: SoakRows): boolean {
  const kind = KINDS[entry.request.kind] as {
    recognises(request: WriteRequest, group: RevisionGroup, rows: SoakRows): boolean;
  };
  return kind.recognises(entry.request, group, rows);
}

export function verify(entry: LedgerEntry, group: RevisionGroup, rows: SoakRows): string[] {
  const kind = KINDS[entry.request.kind] as {
    verify(entry: LedgerEntry, request: WriteRequest, group: RevisionGroup, rows: SoakRows): string[];
  };
  return kind.verify(entry, entry.request, group, rows);
}
