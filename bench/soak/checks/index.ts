import type { Database } from '../../../src/db/database.js';
import type { Change } from '../feed.js';
import type { LedgerEntry } from '../ledger.js';
import type { Tally } from '../tally.js';
import type { SoakWorld } from '../world.js';
import { checkAcknowledged } from './acknowledged.js';
import { checkAnswers } from './answers.js';
import type { CheckResult } from './check-result.js';
import { checkFeedFollowed, checkFeedReplay, storedTables } from './feed-replay.js';
import { checkPositions } from './positions.js';
import { checkRevisions, matchRevisions } from './revisions.js';
import { readSoakRows } from './soak-rows.js';

export type { CheckResult } from './check-result.js';

export interface CheckInput {
  db: Database;
  world: SoakWorld;
  ledger: LedgerEntry[];
  writerNames: string[];
  setupName: string;
  tally: Tally;
  serverLog: string[];
  /** The feed read from the start after the run, and as the follower read it during the run. */
  feed: Change[];
  followed: Change[];
}

/** Every check of the soak, in the order they are printed. */
export async function runChecks(input: CheckInput): Promise<CheckResult[]> {
  const rows = await readSoakRows(input.db, input.world, input.writerNames, input.setupName);
  const matched = matchRevisions(input.ledger, rows, input.writerNames);
  const stored = await storedTables(input.db);
  return [
    checkAnswers(input.tally, input.serverLog),
    checkAcknowledged(input.ledger, rows, matched.matches, input.world),
    checkRevisions(input.ledger, rows, matched),
    await checkPositions(input.db),
    checkFeedReplay(input.feed, stored),
    checkFeedFollowed(input.followed, input.feed, stored),
  ];
}
