import { type FragmentOf, graphql, readFragment } from './graphql.js';
import { whosaid } from './whosaid.js';

/** A claim as a timeline row shows it; masked, so only code that reads this fragment sees its fields. */
export const ClaimEntry = graphql(`
  fragment ClaimEntry on Claim {
    text
    saidOn { value }
    speakers { name }
  }
`);

export const TimelineQuery = graphql(
  `
    query Timeline($actor: String, $first: Int) {
      timeline(first: $first, filter: { actor: $actor }) {
        totalCount
        edges {
          node {
            __typename
            ... on Claim { id ...ClaimEntry }
            ... on Event { id title occurredOn { value } }
          }
        }
      }
    }
  `,
  [ClaimEntry],
);

export function describeClaim(claim: FragmentOf<typeof ClaimEntry>): string {
  const { text, saidOn, speakers } = readFragment(ClaimEntry, claim);
  const who = speakers.map((speaker) => speaker.name).join(' and ') || 'someone unnamed';
  return `${saidOn?.value ?? 'undated'}: ${who}: ${text}`;
}

/** The timeline as lines of text: the union narrows by __typename to a claim or an event. */
export async function timelineLines(endpoint: string, actor: string): Promise<string[]> {
  const { timeline } = await whosaid(endpoint, TimelineQuery, { actor, first: 20 });
  return timeline.edges.map(({ node }) =>
    node.__typename === 'Claim' ? describeClaim(node) : `${node.occurredOn?.value ?? 'undated'}: ${node.title}`,
  );
}
