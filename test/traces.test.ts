import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createThrowawayDatabase } from './support/databases.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';

/** A span as OTLP/HTTP's JSON encoding sends it, with its attributes read into plain values. */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  attributes: Record<string, unknown>;
  service: unknown;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
type OtlpAttributes = { key: string; value: OtlpValue }[];
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: OtlpAttributes };
    scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes' | 'service'> & { attributes: OtlpAttributes })[] }[];
  }[];
}

const valueOf = (value: OtlpValue): unknown =>
  value.arrayValue
    ? value.arrayValue.values.map(valueOf)
    : (value.stringValue ?? (value.intValue === undefined ? value.boolValue : Number(value.intValue)));
const attributesOf = (attributes: OtlpAttributes) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

/** A collector of its own: OTLP/HTTP on a free port, keeping every span it is sent. */
async function startReceiver(): Promise<{
  server: Server;
  url: string;
  spans: ReceivedSpan[];
  contentTypes: string[];
}> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    contentTypes.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
    const sent = JSON.parse(body) as OtlpExport;
    for (const { resource, scopeSpans } of sent.resourceSpans) {
      for (const scope of scopeSpans) {
        for (const span of scope.spans) {
          spans.push({
            traceId: span.traceId,
            spanId: span.spanId,
            ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
            name: span.name,
            kind: span.kind,
            startTimeUnixNano: span.startTimeUnixNano,
            attributes: attributesOf(span.attributes),
            service: attributesOf(resource.attributes)['service.name'],
          });
        }
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, contentTypes };
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

const POSITIONS = 'query TrumpName { actor(slug: "donald-trump") { name } }';
// A search reads ids, then rows: useReadSnapshot runs it in one read-only transaction.
const SEARCH = 'query Lavrow { search(query: "Lavrow") { edges { node { __typename ... on Actor { slug } } } } }';

// A real server process, told by OTEL_EXPORTER_OTLP_ENDPOINT where its collector is.
describe.each(backends)('traces of requests on %s', (backend) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: NodeServer;
  let dropDatabase = async () => {};
  let sentBeforeStop: ReceivedSpan[];
  let exit: unknown[];
  beforeAll(async () => {
    receiver = await startReceiver();
    const env: Record<string, string> = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // Spans are sent when the server stops, and not before: the test sees that none are lost then.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    };
    if (backend === 'postgres') {
      const throwaway = await createThrowawayDatabase();
      env.DATABASE_URL = throwaway.url;
      dropDatabase = throwaway.drop;
    }
    server = await startNodeServer(env);
    for (const [id, query] of [
      ['trace-me-42', POSITIONS],
      ['trace-me-43', SEARCH],
    ] as const) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
    }
    sentBeforeStop = [...receiver.spans];
    const exited = once(server.process, 'exit');
    server.process.kill('SIGTERM');
    exit = await exited;
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    receiver?.server.close();
    await dropDatabase();
  });

  const spansOf = (requestId: string) =>
    receiver.spans.filter((span) => span.attributes['whosaid.request_id'] === requestId);
  /** The spans of a request as a tree, one line each, children by when they started. */
  const tree = (requestId: string) => {
    const spans = spansOf(requestId).sort((a, b) => Number(BigInt(a.startTimeUnixNano) - BigInt(b.startTimeUnixNano)));
    const lines = (parent: string | undefined, depth: number): string[] =>
      spans
        .filter((span) => span.parentSpanId === parent)
        .flatMap((span) => [`${'  '.repeat(depth)}${span.name}`, ...lines(span.spanId, depth + 1)]);
    return lines(undefined, 0);
  };

  it('sends the spans as it stops, as OTLP JSON, under the service name whosaid', () => {
    expect(sentBeforeStop).toEqual([]);
    expect(exit).toEqual([0, null]);
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['POST /v1/traces application/json']));
    expect(new Set(receiver.spans.map((span) => span.service))).toEqual(new Set(['whosaid']));
  });

  it('gives a request a root span with its id, and in it the phases, the resolver that read the database and its SQL', () => {
    const spans = spansOf('trace-me-42');
    const request = spans.find((span) => !span.parentSpanId)!;
    expect(request).toEqual({
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      name: 'POST /graphql',
      kind: SPAN_KIND_SERVER,
      startTimeUnixNano: expect.any(String),
      attributes: {
        'http.request.method': 'POST',
        'url.path': '/graphql',
        'whosaid.request_id': 'trace-me-42',
        'http.response.status_code': 200,
        'graphql.operation.name': 'TrumpName',
      },
      service: 'whosaid',
    });
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([request.traceId]));
    // Actor.name comes with the row Query.actor read: it has no span of its own.
    expect(tree('trace-me-42')).toEqual([
      'POST /graphql',
      '  graphql.parse',
      '  graphql.validate',
      '  graphql.execute',
      '    Query.actor',
      '      SELECT',
    ]);
    const statement = spans.find((span) => span.name === 'SELECT')!;
    expect(statement).toEqual({
      traceId: request.traceId,
      spanId: expect.any(String),
      parentSpanId: spans.find((span) => span.name === 'Query.actor')!.spanId,
      name: 'SELECT',
      kind: SPAN_KIND_CLIENT,
      startTimeUnixNano: expect.any(String),
      attributes: {
        'db.system.name': 'postgresql',
        'db.operation.name': 'SELECT',
        'db.query.text': expect.stringMatching(/^select .* from "actors" .*where .*"slug" = \$1/i),
        'whosaid.request_id': 'trace-me-42',
      },
      service: 'whosaid',
    });
  });

  it("puts a read snapshot's statements in execute's span, and the search's own under Query.search", () => {
    // On PGlite, its transaction() sends BEGIN and COMMIT itself; drizzle sends the rest.
    const [begin, end] = backend === 'postgres' ? [['    BEGIN'], ['    COMMIT']] : [['    SET'], []];
    expect(tree('trace-me-43')).toEqual([
      'POST /graphql',
      '  graphql.parse',
      '  graphql.validate',
      '  graphql.execute',
      ...begin,
      '    Query.search',
      '      SELECT',
      // The found actors' rows, loaded together once Query.search has returned the page.
      '    SELECT',
      ...end,
    ]);
    const texts = spansOf('trace-me-43')
      .filter((span) => span.kind === SPAN_KIND_CLIENT)
      .map((span) => span.attributes['db.query.text']);
    expect(texts).toEqual(
      expect.arrayContaining([
        backend === 'postgres'
          ? 'begin isolation level repeatable read read only'
          : 'set transaction isolation level repeatable read read only',
        expect.stringMatching(/^\s*SELECT page\.type, page\.id, page\.rank/),
        expect.stringMatching(/^select .* from "actors"/),
      ]),
    );
  });
});
