/** What a request came back with: its HTTP status, its body, how long it took and the request id it was sent as. */
export interface Answer {
  status: number;
  body: GraphQLBody | null;
  milliseconds: number;
  requestId: string;
  /** Set where no HTTP answer came at all: the connection failed. */
  transportError?: string;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
}

/** The codes of the answer's top-level errors; an answer without a body counts as its HTTP status. */
export function errorCodes(answer: Answer): string[] {
  if (answer.transportError) return ['NETWORK_ERROR'];
  if (!answer.body) return [`HTTP_${answer.status}`];
  return (answer.body.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE');
}

/** Sends GraphQL documents to one server over HTTP, as one caller (with its API key, if it has one). */
export class GraphQLClient {
  private sent = 0;

  constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly apiKey?: string,
  ) {}

  async send(document: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    this.sent += 1;
    // The server logs each request under this id, and an internal error's cause with it.
    const requestId = `${this.name}-${this.sent}`;
    const started = performance.now();
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          'x-request-id': requestId,
          ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
        },
        body: JSON.stringify({ query: document, variables }),
      });
      const text = await response.text();
      let body: GraphQLBody | null = null;
      try {
        body = JSON.parse(text) as GraphQLBody;
      } catch {
        // Not JSON: counted by its status.
      }
      return { status: response.status, body, milliseconds: performance.now() - started, requestId };
    } catch (error) {
      return {
        status: 0,
        body: null,
        milliseconds: performance.now() - started,
        requestId,
        transportError: String((error as { cause?: unknown }).cause ?? error),
      };
    }
  }
}
