import { graphql, type ResultOf, type VariablesOf } from './graphql.js';
import { whosaid } from './whosaid.js';

/** Written out, not imported: this only type-checks while the schema's Stance enum has exactly these values. */
type Stance = 'SUPPORTS' | 'OPPOSES' | 'MIXED' | 'NEUTRAL';

export const ActorPositionsQuery = graphql(`
  query ActorPositions($slug: String!, $asOf: Date) {
    actor(slug: $slug) {
      name
      positions(asOf: $asOf) {
        stance
        since { value approximate }
        proposition { slug statement }
      }
    }
  }
`);

export interface PositionRow {
  proposition: string;
  stance: Stance;
  since: string;
}

/** Where an actor stands, one row per proposition; null for an unknown slug. */
export async function actorPositions(
  endpoint: string,
  variables: VariablesOf<typeof ActorPositionsQuery>,
): Promise<{ name: string; positions: PositionRow[] } | null> {
  const { actor } = await whosaid(endpoint, ActorPositionsQuery, variables);
  if (!actor) return null;
  return {
    name: actor.name,
    positions: actor.positions.map(({ stance, since, proposition }) => ({
      proposition: proposition.statement,
      stance,
      since: since.approximate ? `about ${since.value}` : since.value,
    })),
  };
}

export function firstStance(result: ResultOf<typeof ActorPositionsQuery>): Stance | undefined {
  const stance: Stance | undefined = result.actor?.positions[0]?.stance;
  return stance;
}
