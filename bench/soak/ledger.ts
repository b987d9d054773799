import type { Stance } from '../../src/db/vocabulary.js';
import type { Bundle, ClaimEntry } from './world.js';

/** A write as the writer sent it: what it asked for, by kind. Claim ids are the database's (decoded from the API's). */
export type WriteRequest =
  | { kind: 'importSource'; bundle: Bundle }
  | { kind: 'recordClaim'; sourceUrl: string; claim: ClaimEntry }
  | {
      kind: 'updateClaim';
      claimId: number;
      expectedVersion: number;
      changes: { text: string; saidOn?: { value: string } };
    }
  | { kind: 'setClaimStance'; claimId: number; proposition: string; stance: Stance | null }
  | { kind: 'retractClaim'; claimId: number; reason: string }
  | { kind: 'mergeClaims'; keep: number; merge: number; expectedVersions: { keep: number; merge: number } };

export type WriteKind = WriteRequest['kind'];

export const WRITE_KINDS: readonly WriteKind[] = [
  'importSource',
  'recordClaim',
  'updateClaim',
  'setClaimStance',
  'retractClaim',
  'mergeClaims',
];

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What the server said of a write. */
export type WriteOutcome =
  /** It succeeded; `data` is the answer's payload (the import's summary, the written claim's id and version). */
  | { kind: 'acknowledged'; data: AcknowledgedData }
  /** It was refused with a typed error: nothing may have been written. */
  | { kind: 'refused'; typename: string; code: string; message: string }
  /** No usable answer (5xx, an internal error, a lost connection): whether it was written is unknown. */
  | { kind: 'failed'; code: string; status: number; requestId: string };

export interface AcknowledgedData {
  /** The claim a claim mutation answered with. */
  claimId?: number;
  version?: number;
  /** An import's summary. */
  summary?: { sources: ImportCounts; claims: ImportCounts; reports: ImportCounts };
}

/** One write in a writer's ledger, in the order the writer sent them (one at a time: each after the last answer). */
export interface LedgerEntry {
  writer: string;
  sequence: number;
  request: WriteRequest;
  outcome: WriteOutcome;
}
