import type { GraphQLClient } from './client.js';
import { CHANGES } from './documents.js';
import type { Tally } from './tally.js';

export type Row = Record<string, unknown>;

/** One change of the feed, as the `changes` query gives it. */
export interface Change {
  sequence: number;
  table: string;
  action: 'INSERT' | 'UPDATE' | 'DELETE';
  before: Row | null;
  after: Row | null;
}

/** Every change from the first, for a client that syncs from the start. */
const FROM_THE_START = '1970-01-01T00:00:00Z';
const PAGE = 100;

interface Page {
  changes: Change[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * A client syncing the change feed: it reads every page after the last cursor it holds, from the start of the feed,
 * and goes on reading as changes arrive, a page at a time (`first`/`after`). Pages it could not read are counted as
 * failures under `kind`, and it reads them again.
 */
export class FeedReader {
  readonly changes: Change[] = [];
  private cursor: string | null = null;

  constructor(
    private readonly client: GraphQLClient,
    private readonly tally: Tally,
    private readonly kind: string,
  ) {}

  /** Follows the feed until the deadline, waiting a little whenever it has read all there is. */
  async follow(until: number): Promise<void> {
    while (performance.now() < until) {
      const caughtUp = await this.readOnePage();
      if (caughtUp) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Reads every page there is now, and stops at the last. */
  async catchUp(): Promise<Change[]> {
    for (let attempts = 0; attempts < 100_000; attempts += 1) {
      if (await this.readOnePage()) return this.changes;
    }
    throw new Error('the change feed did not end');
  }

  /** Reads the page after the cursor; true where it was the last one. */
  private async readOnePage(): Promise<boolean> {
    const answer = await this.client.send(CHANGES, { since: FROM_THE_START, first: PAGE, after: this.cursor });
    if (this.tally.record(this.kind, answer).length > 0) return false;
    const page = pageOf(answer.body!.data!.changes);
    this.changes.push(...page.changes);
    if (page.endCursor !== null) this.cursor = page.endCursor;
    return !page.hasNextPage;
  }
}

function pageOf(connection: unknown): Page {
  const { edges, pageInfo } = connection as {
    edges: {
      node: { sequence: string; table: string; action: Change['action']; before: Row | null; after: Row | null };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  return {
    changes: edges.map(({ node }) => ({ ...node, sequence: Number(node.sequence) })),
    hasNextPage: pageInfo.hasNextPage,
    endCursor: pageInfo.endCursor,
  };
}
