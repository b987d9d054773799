import type { Random } from '../random.js';
import type { GraphQLClient } from './client.js';
import { READS, type ReadKind } from './documents.js';
import type { Tally } from './tally.js';
import type { SoakWorld } from './world.js';

const KINDS = Object.keys(READS) as ReadKind[];

/** An anonymous reader asking the read queries, one at a time, about the world's speakers and propositions. */
export class Reader {
  constructor(
    private readonly client: GraphQLClient,
    private readonly world: SoakWorld,
    private readonly random: Random,
    private readonly tally: Tally,
  ) {}

  async run(until: number): Promise<void> {
    while (performance.now() < until) {
      const kind = this.random.pick(KINDS);
      const answer = await this.client.send(READS[kind], this.variablesOf(kind));
      this.tally.record(kind, answer);
    }
  }

  private variablesOf(kind: ReadKind): Record<string, unknown> {
    switch (kind) {
      case 'timeline':
        return { first: 20 };
      case 'speakerClaims':
        return { speaker: this.random.pick(this.world.speakers), first: 10 };
      case 'actorPositions':
        return { slug: this.random.pick(this.world.speakers) };
      case 'propositionPositions':
        return { slug: this.random.pick(this.world.propositions), first: 10 };
      case 'search':
        return { query: this.random.chance(0.5) ? 'corrected' : 'story', first: 10 };
    }
  }
}
