import type { GraphQLClient } from './client.js';
import { CHANGES } from './documents.js';
import type { Tally } from './tally.js';

export type Row = Record<string, unknown>;

/** One change of the feed, as the `changes` query gives it. */
export interface Change {
  sequence: number;
  /** The commit it became visible in: the feed's order is by commit, then by sequence. */
  commit: number;
  table: string;
  action: 'INSERT' | 'UPDATE' | 'DELETE';
  before: Row | null;
  after: Row | null;
}

const PAGE = 100;

interface Page {
  changes: Change[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * A client syncing the change feed: it reads every page after the last cursor it holds, from the start of the feed,
 * and goes on reading as changes arrive, a page at a time (`first`/`after`). A page it could not read is counted as a
 * failure under `kind`, and read again.
 */
export class FeedReader {
  readonly changes: Change[] = [];
  private cursor: string | null = null;

  constructor(
    private readonly client: GraphQLClient,
    private readonly tally: Tally,
    private readonly kind: string,
  ) {}

  /** Follows the feed until the deadline, waiting a little whenever it has read all there is, or could not read. */
  async follow(until: number): Promise<void> {
    while (performance.now() < until) {
      if ((await this.readOnePage()) !== 'more') await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Reads every page there is now, and stops at the last. */
  async catchUp(): Promise<Change[]> {
    for (let failures = 0; failures < 10; ) {
      const read = await this.readOnePage();
      if (read === 'all') return this.changes;
      if (read === 'failed') failures += 1;
    }
    throw new Error(`the change feed could not be read to its end: ${this.kind} failed 10 times`);
  }

  /** Reads the page after the cursor: there is more after it, it was the last, or it could not be read. */
  private async readOnePage(): Promise<'more' | 'all' | 'failed'> {
    const answer = await this.client.send(CHANGES, { first: PAGE, after: this.cursor });
    if (this.tally.record(this.kind, answer).length > 0) return 'failed';
    const page = pageOf(answer.body!.data!.changes);
    this.changes.push(...page.changes);
    if (page.endCursor !== null) this.cursor = page.endCursor;
    return page.hasNextPage ? 'more' : 'all';
  }
}

function pageOf(connection: unknown): Page {
  const { edges, pageInfo } = connection as {
    edges: {
      node: {
        sequence: string;
        commit: { sequence: string };
        table: string;
        action: Change['action'];
        before: Row | null;
        after: Row | null;
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  return {
    changes: edges.map(({ node }) => ({
      ...node,
      sequence: Number(node.sequence),
      commit: Number(node.commit.sequence),
    })),
    hasNextPage: pageInfo.hasNextPage,
    endCursor: pageInfo.endCursor,
  };
}
