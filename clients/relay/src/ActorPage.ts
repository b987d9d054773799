// A Relay app installs relay-runtime and react-relay; here relay-compiler only checks these documents against the schema.
import { graphql } from 'relay-runtime';

/** The page of one actor: the query that gathers the fragments its parts declare. */
export const actorPageQuery = graphql`
  query ActorPageQuery($slug: String!) {
    actor(slug: $slug) {
      id
      ...ActorPositions_actor
      ...ActorClaims_actor
    }
  }
`;
