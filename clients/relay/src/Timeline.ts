import { graphql } from 'relay-runtime';

/** One entry of the timeline: a claim or an event, told apart by __typename. */
export const timelineEntryFragment = graphql`
  fragment Timeline_entry on TimelineEntry {
    __typename
    ... on Claim {
      id
      text
      saidOn {
        value
      }
      speakers {
        name
      }
    }
    ... on Event {
      id
      title
      occurredOn {
        value
      }
    }
  }
`;

export const timelineQuery = graphql`
  query TimelineQuery($actor: String, $from: Date, $to: Date) {
    timeline(first: 20, filter: { actor: $actor, from: $from, to: $to }) {
      edges {
        node {
          ...Timeline_entry
        }
      }
    }
  }
`;
