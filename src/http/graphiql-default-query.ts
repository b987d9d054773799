/**
 * What GraphiQL opens on, for someone who has never seen the schema: a query over the seed dataset that shows what
 * whosaid keeps of each claim (its speakers, its mode, its partial date, every source that reports it and the one
 * the words first appeared in), and where an API key goes. Its lines are short enough for GraphiQL's editor beside
 * the result on a laptop's screen.
 */
export const GRAPHIQL_DEFAULT_QUERY = `# Who said what, and when: the three claims said
# first, who said them, how each source reports
# them, and where the words first appeared.
# Run it with Ctrl-Enter or the ▶ button.
#
# Writes need an API key (npm run keys -- create
# --name NAME --role editor); send it from the
# Headers tab below:
# {"Authorization": "Bearer <key>"}
query WhoSaidWhat {
  claims(orderBy: SAID_ON_ASC, first: 3) {
    totalCount
    edges {
      node {
        text
        speakers { name }
        mode
        saidOn { value text }
        reports(first: 5) {
          edges {
            node {
              primary
              mode
              source { title publisher { name } }
            }
          }
        }
      }
    }
  }
}
`;
