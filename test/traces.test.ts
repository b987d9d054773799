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

// A real server process, told by OTEL_EXPORTER_OTLP_ENDPOINT where its collector is.
describe.each(backends)('traces of a request on %s', (backend) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: NodeServer;
  let dropDatabase = async () => {};
  beforeAll(async () => {
    receiver = await startReceiver();
    const env: Record<string, string> = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // Spans are sent when the server stops, and not before: the test below sees that they are not lost then.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    };
    if (backend === 'postgres') {
      const throwaway = await createThrowawayDatabase();
      env.DATABASE_URL = throwaway.url;
      dropDatabase = throwaway.drop;
    }
    server = await startNodeServer(env);
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    receiver.server.close();
    await dropDatabase();
  });

  it('sends, as it stops, a span for the request, its phases, the resolver that read the database and its SQL', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-42' },
      body: JSON.stringify({ query: 'query TrumpName { actor(slug: "donald-trump") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { actor: { name: 'Donald Trump' } } });
    expect(receiver.spans).toEqual([]);

    const exited = once(server.process, 'exit');
    server.process.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['POST /v1/traces application/json']));

    const request = receiver.spans.find(
      (span) => span.attributes['whosaid.request_id'] === 'trace-me-42' && !span.parentSpanId,
    );
    expect(request).toEqual({
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      name: 'POST /graphql',
      kind: SPAN_KIND_SERVER,
      attributes: {
        'http.request.method': 'POST',
        'url.path': '/graphql',
        'whosaid.request_id': 'trace-me-42',
        'http.response.status_code': 200,
        'graphql.operation.name': 'TrumpName',
      },
      service: 'whosaid',
    });
    const trace = receiver.spans.filter((span) => span.traceId === request!.traceId);
    const childrenOf = (parent: ReceivedSpan) => trace.filter((span) => span.parentSpanId === parent.spanId);
    const named = (name: string) => trace.find((span) => span.name === name)!;
    expect(trace.every((span) => span.attributes['whosaid.request_id'] === 'trace-me-42')).toBe(true);

    expect(childrenOf(request!).map((span) => span.name)).toEqual([
      'graphql.parse',
      'graphql.validate',
      'graphql.execute',
    ]);
    // Actor.name comes with the row Query.actor read: it has no span of its own.
    expect(childrenOf(named('graphql.execute')).map((span) => span.name)).toEqual(['Query.actor']);
    expect(childrenOf(named('Query.actor'))).toEqual([
      {
        traceId: request!.traceId,
        spanId: expect.any(String),
        parentSpanId: named('Query.actor').spanId,
        name: 'SELECT',
        kind: SPAN_KIND_CLIENT,
        attributes: {
          'db.system.name': 'postgresql',
          'db.operation.name': 'SELECT',
          'db.query.text': expect.stringMatching(/^select .* from "actors" .*where .*"slug" = \$1/i),
          'whosaid.request_id': 'trace-me-42',
        },
        service: 'whosaid',
      },
    ]);
  });
});
