import { graphql } from 'relay-runtime';

/** What an actor said, latest first, a page at a time: usePaginationFragment pages it with the query Relay makes. */
export const actorClaimsFragment = graphql`
  fragment ActorClaims_actor on Actor
  @refetchable(queryName: "ActorClaimsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    claims(first: $count, after: $cursor) @connection(key: "ActorClaims_claims") {
      totalCount
      edges {
        node {
          id
          text
          mode
          saidOn {
            value
            text
          }
          reportedIn {
            source {
              title
              url
            }
          }
        }
      }
    }
  }
`;
