import { describe, expect, it } from 'vitest';
import { checkAcknowledged } from '../soak/checks/acknowledged.js';
import { checkFeedFollowed, checkFeedReplay, replay } from '../soak/checks/feed-replay.js';
import { matchRevisions } from '../soak/checks/revisions.js';
import type { Revision, RevisionGroup, SoakRows, StoredClaim } from '../soak/checks/soak-rows.js';
import type { Change, Row } from '../soak/feed.js';
import type { LedgerEntry } from '../soak/ledger.js';
import { type ClaimEntry, SoakWorld } from '../soak/world.js';

// The soak's checks on small, written-out ledgers, transactions and feeds: each finds what it is there to find.

const world = new SoakWorld('soak-test');
const DESK = world.deskUrl('w1');

const claimRow = (fields: Row): Row => ({
  id: 7,
  key: 'soak-test-w1-record-1',
  text: 'Claim 1 recorded by w1',
  mode: 'DIRECT_QUOTE',
  source_id: 3,
  said_start: '2017-03-01',
  said_end: '2017-03-01',
  placed_start: '2017-03-01',
  placed_end: '2017-03-01',
  retracted_at: null,
  retraction_reason: null,
  version: 1,
  ...fields,
});

const revision = (
  id: number,
  at: string,
  table: string,
  action: Revision['action'],
  before: Row | null,
  after: Row | null,
): Revision => ({
  id,
  by: 'w1',
  at,
  table,
  action,
  before,
  after,
});

const recordedClaim: ClaimEntry = {
  key: 'soak-test-w1-record-1',
  text: 'Claim 1 recorded by w1',
  mode: 'DIRECT_QUOTE',
  medium: 'INTERVIEW',
  speakers: ['soak-test-speaker-1'],
  saidOn: { value: '2017-03-01' },
};
const recorded: LedgerEntry = {
  writer: 'w1',
  sequence: 1,
  request: { kind: 'recordClaim', sourceUrl: DESK, claim: recordedClaim },
  outcome: { kind: 'acknowledged', data: { claimId: 7, version: 1 } },
};
const recordedTransaction: RevisionGroup = {
  writer: 'w1',
  revisions: [
    revision(100, 't1', 'claims', 'INSERT', null, claimRow({})),
    revision(101, 't1', 'claim_speakers', 'INSERT', null, { claim_id: 7, actor_id: 11, position: 0 }),
    revision(102, 't1', 'claim_reports', 'INSERT', null, {
      id: 40,
      claim_id: 7,
      source_id: 3,
      text: 'Claim 1 recorded by w1',
    }),
  ],
};

const corrected: LedgerEntry = {
  writer: 'w1',
  sequence: 2,
  request: { kind: 'updateClaim', claimId: 7, expectedVersion: 1, changes: { text: 'Corrected by w1 in write 2' } },
  outcome: { kind: 'acknowledged', data: { claimId: 7, version: 2 } },
};
const correctedTransaction: RevisionGroup = {
  writer: 'w1',
  revisions: [
    revision(110, 't2', 'claims', 'UPDATE', claimRow({}), claimRow({ text: 'Corrected by w1 in write 2', version: 2 })),
  ],
};

const refused: LedgerEntry = {
  writer: 'w1',
  sequence: 3,
  request: { kind: 'updateClaim', claimId: 7, expectedVersion: 1, changes: { text: 'Corrected by w1 in write 3' } },
  outcome: {
    kind: 'refused',
    typename: 'ConflictError',
    code: 'CONFLICT',
    message: 'The claim is at version 2, not 1',
  },
};

const rowsOf = (groups: RevisionGroup[], claims: StoredClaim[] = []): SoakRows => ({
  claims: new Map(claims.map((claim) => [claim.id, claim])),
  claimsByKey: new Map(claims.map((claim) => [claim.key, claim])),
  mergedKeys: new Map(),
  mergedIds: new Map(),
  sourceIds: new Map([[DESK, 3]]),
  actorIds: new Map([['soak-test-speaker-1', 11]]),
  propositionIds: new Map([['soak-test-proposition-1', 21]]),
  texts: new Set(claims.map((claim) => claim.text)),
  reasons: new Set(),
  groups,
  strangers: new Map(),
});

describe('the revisions check', () => {
  it('matches each acknowledged write to its transaction, and a refused one to none', () => {
    const { matches, problems } = matchRevisions(
      [recorded, corrected, refused],
      rowsOf([recordedTransaction, correctedTransaction]),
      ['w1'],
    );
    expect(problems).toEqual([]);
    expect([...matches].map(([entry, group]) => [entry.sequence, group.revisions.map((r) => r.id)])).toEqual([
      [1, [100, 101, 102]],
      [2, [110]],
    ]);
  });

  it('finds the transaction of a refused write', () => {
    const refusedTransaction: RevisionGroup = {
      writer: 'w1',
      revisions: [
        revision(
          120,
          't3',
          'claims',
          'UPDATE',
          claimRow({ version: 2 }),
          claimRow({ text: 'Corrected by w1 in write 3', version: 3 }),
        ),
      ],
    };
    expect(
      matchRevisions(
        [recorded, corrected, refused],
        rowsOf([recordedTransaction, correctedTransaction, refusedTransaction]),
        ['w1'],
      ).problems,
    ).toEqual([
      'w1 wrote revisions 120 (claims 7 (revision 120, UPDATE)) that no acknowledged write of its ledger explains',
    ]);
  });

  it('finds an acknowledged write that left no revision', () => {
    expect(matchRevisions([recorded, corrected], rowsOf([recordedTransaction]), ['w1']).problems).toEqual([
      'w1 write 2 (updateClaim of claim 7) was acknowledged but left no revision',
    ]);
  });

  it('takes an acknowledged setClaimStance that wrote nothing where the stance was so already, and not otherwise', () => {
    const stanced: RevisionGroup = {
      writer: 'w1',
      revisions: [
        ...recordedTransaction.revisions,
        revision(103, 't1', 'claim_stances', 'INSERT', null, { claim_id: 7, proposition_id: 21, stance: 'OPPOSES' }),
      ],
    };
    const recordedWithStance: LedgerEntry = {
      ...recorded,
      request: {
        kind: 'recordClaim',
        sourceUrl: DESK,
        claim: { ...recordedClaim, stances: [{ proposition: 'soak-test-proposition-1', stance: 'OPPOSES' }] },
      },
    };
    const stance = (value: 'OPPOSES' | 'SUPPORTS'): LedgerEntry => ({
      writer: 'w1',
      sequence: 2,
      request: { kind: 'setClaimStance', claimId: 7, proposition: 'soak-test-proposition-1', stance: value },
      outcome: { kind: 'acknowledged', data: { claimId: 7, version: 1 } },
    });
    expect(matchRevisions([recordedWithStance, stance('OPPOSES')], rowsOf([stanced]), ['w1']).problems).toEqual([]);
    expect(matchRevisions([recordedWithStance, stance('SUPPORTS')], rowsOf([stanced]), ['w1']).problems).toEqual([
      'w1 write 2 (setClaimStance of claim 7) was acknowledged and wrote nothing, though the stance was never so',
    ]);
  });

  it('finds an update that did not go from the version it named to the next', () => {
    const skipped: RevisionGroup = {
      writer: 'w1',
      revisions: [
        revision(
          110,
          't2',
          'claims',
          'UPDATE',
          claimRow({}),
          claimRow({ text: 'Corrected by w1 in write 2', version: 3 }),
        ),
      ],
    };
    expect(matchRevisions([recorded, corrected], rowsOf([recordedTransaction, skipped]), ['w1']).problems).toEqual([
      'w1 write 2: updateClaim of claim 7 at version 1 took the claim from version 1 to 3',
    ]);
  });

  it('finds an import that rewrote a claim another source recorded', () => {
    const url = 'https://soak.example.org/soak-test/w1/1';
    const imported: LedgerEntry = {
      writer: 'w1',
      sequence: 1,
      request: {
        kind: 'importSource',
        bundle: {
          source: { url, title: 'Soak report 1 of w1', kind: 'ARTICLE', publishedOn: { value: '2018-03-01' } },
          claims: [
            {
              key: 'soak-test-story-1',
              text: 'soak-test-story-1, as w1 bundle 1 prints it',
              mode: 'PARAPHRASE',
              medium: 'INTERVIEW',
              speakers: ['soak-test-speaker-1'],
              saidOn: { value: '2017-01-01' },
            },
          ],
        },
      },
      outcome: {
        kind: 'acknowledged',
        data: {
          summary: {
            sources: { created: 1, updated: 0, unchanged: 0 },
            claims: { created: 0, updated: 1, unchanged: 0 },
            reports: { created: 1, updated: 0, unchanged: 0 },
          },
        },
      },
    };
    const story = {
      id: 9,
      key: 'soak-test-story-1',
      source_id: 4,
      said_start: '2017-01-01',
      said_end: '2017-01-01',
      placed_start: '2017-01-01',
      placed_end: '2017-01-01',
    };
    const transaction: RevisionGroup = {
      writer: 'w1',
      revisions: [
        revision(200, 't1', 'sources', 'INSERT', null, { id: 5, url }),
        revision(
          201,
          't1',
          'claims',
          'UPDATE',
          { ...story, text: 'soak-test-story-1, as w2 bundle 4 prints it', mode: 'DIRECT_QUOTE', version: 1 },
          { ...story, text: 'soak-test-story-1, as w1 bundle 1 prints it', mode: 'PARAPHRASE', version: 2 },
        ),
        revision(202, 't1', 'claim_reports', 'INSERT', null, {
          id: 41,
          claim_id: 9,
          source_id: 5,
          text: 'soak-test-story-1, as w1 bundle 1 prints it',
        }),
      ],
    };
    expect(matchRevisions([imported], rowsOf([transaction]), ['w1']).problems).toEqual([
      `w1 write 1: importSource of ${url}, reporting a claim another source recorded, changed text, mode of claims 9 (revision 201, UPDATE)`,
    ]);
  });
});

describe('the acknowledged writes check', () => {
  const stored = (fields: Partial<StoredClaim>): StoredClaim => ({
    id: 7,
    key: 'soak-test-w1-record-1',
    text: 'Corrected by w1 in write 2',
    sourceUrl: DESK,
    saidStart: '2017-03-01',
    saidEnd: '2017-03-01',
    placedStart: '2017-03-01',
    placedEnd: '2017-03-01',
    version: 2,
    retractionReason: null,
    speakers: ['soak-test-speaker-1'],
    stances: new Map(),
    reports: new Map([[DESK, 'Claim 1 recorded by w1']]),
    ...fields,
  });
  const matches = new Map([
    [recorded, recordedTransaction],
    [corrected, correctedTransaction],
  ]);

  it('finds the claim as the last acknowledged update left it, and nothing of the refused one', () => {
    const check = checkAcknowledged([recorded, corrected, refused], rowsOf([], [stored({})]), matches, world);
    expect(check.problems).toEqual([]);
  });

  it('finds a claim whose words are not the last acknowledged update’s', () => {
    const check = checkAcknowledged(
      [recorded, corrected, refused],
      rowsOf([], [stored({ text: 'Corrected by w1 in write 3', version: 3 })]),
      matches,
      world,
    );
    expect(check.problems).toEqual([
      'claim 7 (soak-test-w1-record-1) says "Corrected by w1 in write 3", not "Corrected by w1 in write 2", as w1 write 2 (updateClaim of claim 7) set it',
      'w1 write 3 (updateClaim of claim 7) was refused, yet a claim says "Corrected by w1 in write 3"',
    ]);
  });

  it('finds a claim placed elsewhere than it was said', () => {
    const check = checkAcknowledged(
      [recorded, corrected],
      rowsOf([], [stored({ placedStart: '2018-03-01', placedEnd: '2018-03-01' })]),
      matches,
      world,
    );
    expect(check.problems).toEqual([
      'claim 7 (soak-test-w1-record-1) is placed at 2018-03-01..2018-03-01, not where it was said, 2017-03-01..2017-03-01',
    ]);
  });
});

describe('the feed checks', () => {
  const changes: Change[] = [
    { sequence: 1, commit: 1, table: 'claims', action: 'INSERT', before: null, after: { id: 7, text: 'Said' } },
    {
      sequence: 2,
      commit: 2,
      table: 'claims',
      action: 'UPDATE',
      before: { id: 7, text: 'Said' },
      after: { id: 7, text: 'Corrected' },
    },
    {
      sequence: 3,
      commit: 3,
      table: 'claim_stances',
      action: 'INSERT',
      before: null,
      after: { claim_id: 7, proposition_id: 2, stance: 'SUPPORTS' },
    },
    {
      sequence: 4,
      commit: 3,
      table: 'claim_stances',
      action: 'DELETE',
      before: { claim_id: 7, proposition_id: 2, stance: 'SUPPORTS' },
      after: null,
    },
  ];
  const storedTables = () => {
    const tables = replay([]).tables;
    tables.get('claims')!.set('[7]', { text: 'Corrected', id: 7 });
    return tables;
  };

  it('replays inserts, updates and deletes into the rows stored', () => {
    expect(checkFeedReplay(changes, storedTables())).toEqual({
      name: 'feed replay',
      passed: true,
      summary: '4 changes replayed give the 1 rows of the 18 audited tables',
      problems: [],
    });
  });

  it('finds a change that does not fit the rows before it, and rows the replay does not give', () => {
    expect(checkFeedReplay([changes[0]!, changes[2]!, changes[3]!], storedTables()).problems).toEqual([
      'claims [7] differs in text (stored "Corrected", replayed "Said")',
    ]);
    expect(checkFeedReplay([changes[1]!], storedTables()).problems).toEqual([
      'sequence 2 of commit 2 (UPDATE claims): no row [7] to change',
    ]);
  });

  it('takes the feed in order of commit, then of sequence: a commit made later may hold lower sequences', () => {
    const lateInsert: Change = { ...changes[0]!, sequence: 9, commit: 1 };
    const laterCommit: Change = { ...changes[1]!, sequence: 5, commit: 2 };
    expect(replay([lateInsert, laterCommit]).problems).toEqual([]);
    expect(replay([laterCommit, lateInsert]).problems).toEqual([
      'sequence 5 of commit 2 (UPDATE claims): no row [7] to change',
      'sequence 9 of commit 1 (INSERT claims) comes after sequence 5 of commit 2',
      'sequence 9 of commit 1 (INSERT claims): row [7] is there already',
    ]);
  });

  it("leaves out a speaker's placed dates, which its claim's cascade keeps without a revision", () => {
    const speaker = { claim_id: 7, actor_id: 3, position: 0, placed_start: '2017-01-01', placed_end: '2017-01-01' };
    const tables = replay([]).tables;
    tables.get('claims')!.set('[7]', { text: 'Corrected', id: 7 });
    tables.get('claim_speakers')!.set('[7,3]', { claim_id: 7, actor_id: 3, position: 0 });
    const inserted: Change = {
      sequence: 5,
      commit: 4,
      table: 'claim_speakers',
      action: 'INSERT',
      before: null,
      after: speaker,
    };
    expect(checkFeedReplay([...changes, inserted], tables).problems).toEqual([]);
  });

  it('finds the changes a follower missed', () => {
    expect(checkFeedFollowed([changes[0]!, changes[2]!, changes[3]!], changes, storedTables()).problems).toEqual([
      'missed 1 changes that committed after the follower had read past them: 2 (UPDATE claims)',
      'claims [7] differs in text (stored "Corrected", replayed "Said")',
    ]);
  });
});
