import { unstable_startWorker } from 'wrangler';

export interface RunningWorker {
  /** The Worker's GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  url: string;
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    apiKey?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The Worker of wrangler.toml (its development vars) in workerd on a free port, with `bindings` set over them. */
export async function startWorker(bindings: Record<string, string>): Promise<RunningWorker> {
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: Object.fromEntries(
      Object.entries(bindings).map(([name, value]) => [name, { type: 'plain_text', value }]),
    ),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
  });
  const url = new URL('/graphql', await worker.url).toString();
  return {
    url,
    graphql: async (query, variables, apiKey) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    close: () => worker.dispose(),
  };
}
