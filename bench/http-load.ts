import autocannon from 'autocannon';

/** How long a run lasts: a number of seconds, or a number of requests. */
export type Bound = { seconds: number } | { requests: number };

export interface LoadOptions {
  connections: number;
  run: Bound;
  warmup: Bound;
}

/** One timed run: throughput, latency percentiles in milliseconds, and failed requests. */
export interface Measurement {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests answered with another status than 200 or with GraphQL errors, and connection errors and timeouts. */
  errors: number;
  /** The first failed answer, cut short, to tell what went wrong. */
  firstError?: string;
}

export interface GraphQLRequest {
  document: string;
  variables: Record<string, unknown>;
  /** The variables of the n-th request, for writes that must differ. */
  perRequest?: (base: Record<string, unknown>, n: number) => Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The nearest-rank percentiles of the latencies, and the throughput over the elapsed seconds. */
export function measurement(
  latencies: number[],
  elapsedSeconds: number,
  errors: number,
  firstError?: string,
): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requests: sorted.length,
    requestsPerSecond: sorted.length === 0 ? 0 : round(sorted.length / elapsedSeconds),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

/** A GraphQL response that failed: not 200, or errors in the body (a key `"errors":` can only be the top-level one). */
export function failed(status: number, body: string): boolean {
  return status !== 200 || body.includes('"errors":');
}

/**
 * POSTs the request to the GraphQL endpoint over `connections` connections, first for the warm-up (not measured), then
 * for the run. Every response body is checked. `headersPerRequest` adds headers that differ from request to request;
 * `afterWarmup` is awaited between the warm-up and the run.
 */
export async function loadGraphQL(
  url: string,
  request: GraphQLRequest,
  options: LoadOptions,
  hooks: { headersPerRequest?: () => Record<string, string>; afterWarmup?: () => Promise<unknown> } = {},
): Promise<Measurement> {
  const { headersPerRequest } = hooks;
  let sent = 0;
  const bodyOf = () => {
    const variables = request.perRequest ? request.perRequest(request.variables, sent) : request.variables;
    sent += 1;
    return JSON.stringify({ query: request.document, variables });
  };
  const staticBody = request.perRequest ? undefined : bodyOf();
  const setupRequest =
    staticBody && !headersPerRequest
      ? undefined
      : (raw: autocannon.Request) => ({
          ...raw,
          body: staticBody ?? bodyOf(),
          headers: headersPerRequest ? { ...raw.headers, ...headersPerRequest() } : raw.headers,
        });
  const once = async (bound: Bound) => {
    let errors = 0;
    let firstError: string | undefined;
    const latencies: number[] = [];
    const instance = autocannon({
      url,
      // autocannon refuses more connections than requests.
      connections: 'requests' in bound ? Math.min(options.connections, bound.requests) : options.connections,
      ...('seconds' in bound ? { duration: bound.seconds } : { amount: bound.requests }),
      // autocannon notices the end of a run at its next sample: every 100 ms rather than every second.
      sampleInt: 100,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...request.headers,
      },
      body: staticBody,
      requests: [
        {
          ...(setupRequest ? { setupRequest } : {}),
          onResponse: (status: number, body: string) => {
            if (!failed(status, body)) return;
            errors += 1;
            firstError ??= `${status} ${body.slice(0, 300)}`;
          },
        },
      ],
    });
    (instance as unknown as NodeJS.EventEmitter).on(
      'response',
      (_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
        latencies.push(milliseconds);
        lastResponse = performance.now();
      },
    );
    const started = performance.now();
    let lastResponse = started;
    const result = await instance;
    if (result.timeouts > 0) firstError ??= `${result.timeouts} requests had no answer within autocannon's 10 s`;
    return measurement(latencies, (lastResponse - started) / 1000, errors + result.errors, firstError);
  };
  await once(options.warmup);
  await hooks.afterWarmup?.();
  return once(options.run);
}
