import { graphql } from 'relay-runtime';

/** Where an actor stands: one row per proposition, with the claim that shows it. */
export const actorPositionsFragment = graphql`
  fragment ActorPositions_actor on Actor {
    name
    positions {
      stance
      since {
        value
        approximate
      }
      proposition {
        slug
        statement
      }
      evidence {
        id
        text
      }
    }
  }
`;
