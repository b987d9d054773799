import { createHash, timingSafeEqual } from 'node:crypto';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConnectionCounts } from '../../../db/embedded.js';
import { GRAPHQL_PATH, METRICS_PATH } from '../../paths.js';
import { requestRecord } from '../../request-record.js';

/** Who may read /metrics: anyone who reaches it (`public`), or a scraper that sends `Authorization: Bearer <token>`. */
export type MetricsAccess = 'public' | { token: string };

export interface MetricsOptions {
  access: MetricsAccess;
  /** The database's connections, read on each scrape. */
  connections?: () => ConnectionCounts;
  /** The GraphQL subscriptions this process is streaming now, read on each scrape; 0 without. */
  subscriptionsOpen?: () => number;
}

/** How many SQL statements a request ran: most run one or two; a request that runs dozens has an N+1 to find. */
const STATEMENT_BUCKETS = [0, 1, 2, 3, 5, 8, 13, 21, 34];

/**
 * GET /metrics in Prometheus' text format, from a registry of its own (several handlers in one process count
 * apart): yoga's and envelop's metrics of requests and their phases (@graphql-yoga/plugin-prometheus), and whosaid's
 * own of error codes, SQL statements, database connections and open subscriptions. A scrape is answered before the
 * rate limit, and is not a GraphQL request: the request log leaves it out. For createWhosaid's `metrics`.
 */
export function useMetrics(options: MetricsOptions): Plugin {
  const registry = new Registry();
  const errors = new Counter({
    name: 'whosaid_graphql_errors_total',
    help: 'GraphQL errors answered, by operation and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const requests = new Histogram({
    name: 'whosaid_http_request_duration_seconds',
    help: 'GraphQL requests over HTTP and the time each took, by operation, status and outcome (ok, or error: any errors)',
    labelNames: ['operation', 'status', 'outcome'],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'whosaid_sql_statements_per_request',
    help: 'SQL statements each GraphQL request ran, by operation',
    labelNames: ['operation'],
    buckets: STATEMENT_BUCKETS,
    registers: [registry],
  });
  registerConnectionGauges(registry, options.connections);
  new Gauge({
    name: 'whosaid_subscriptions_open',
    help: 'GraphQL subscriptions this process is streaming',
    registers: [registry],
    collect() {
      this.set(options.subscriptionsOpen?.() ?? 0);
    },
  });
  const authorized = options.access === 'public' ? () => true : bearerCheck(options.access.token);

  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        usePrometheus({
          registry,
          endpoint: METRICS_PATH,
          // Not the path of an error: a list's items would make a series each.
          labels: { path: false },
          metrics: {
            // Off, for their cost on every request: a summary's quantiles, and a walk of each document for
            // deprecated fields. The schema is built once; it does not change.
            graphql_envelop_request_time_summary: false,
            graphql_envelop_deprecated_field: false,
            graphql_envelop_schema_change: false,
            // whosaid_http_request_duration_seconds in its place, with the outcome; yoga's own misses every
            // request whose body useBodyLimit has read, and labels a GET's whole URL, query and all.
            graphql_yoga_http_duration: false,
          },
        }),
      );
    },
    onRequest({ url, request, endResponse }) {
      if (url.pathname !== METRICS_PATH || authorized(request)) return;
      endResponse(
        new Response(
          JSON.stringify({
            errors: [
              {
                message: 'This needs the metrics token: send Authorization: Bearer <token>',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          }),
          {
            status: 401,
            headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' },
          },
        ),
      );
    },
    onResponse({ response }) {
      const record = requestRecord.getStore();
      if (!record || record.path !== GRAPHQL_PATH) return;
      const operation = record.operation ?? 'Anonymous';
      requests.observe(
        { operation, status: response.status, outcome: record.errors.length === 0 ? 'ok' : 'error' },
        (performance.now() - record.started) / 1000,
      );
      statements.observe({ operation }, record.statements);
      for (const code of record.errors) errors.inc({ operation, code });
    },
  };
}

/** The pool's connections by state, and the requests waiting for one, as far as the driver tells them. */
function registerConnectionGauges(registry: Registry, connections: (() => ConnectionCounts) | undefined) {
  if (!connections) return;
  new Gauge({
    name: 'whosaid_db_connections_max',
    help: 'The most connections to the database this process opens',
    registers: [registry],
    collect() {
      this.set(connections().max);
    },
  });
  // PGlite is one connection: it has no pool to report.
  const { inUse, waiting } = connections();
  if (inUse === undefined || waiting === undefined) return;
  new Gauge({
    name: 'whosaid_db_connections',
    help: 'Connections to the database open now, by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = connections();
      this.set({ state: 'in_use' }, counts.inUse ?? 0);
      this.set({ state: 'idle' }, counts.idle ?? 0);
    },
  });
  new Gauge({
    name: 'whosaid_db_connections_waiting',
    help: 'Requests waiting for a free connection to the database',
    registers: [registry],
    collect() {
      this.set(connections().waiting ?? 0);
    },
  });
}

/** Compares digests, which have one length, so that how long a refusal takes says nothing of the token. */
function bearerCheck(token: string) {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const expected = digest(token);
  return (request: Request) => {
    const header = request.headers.get('authorization') ?? '';
    const sent = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    return timingSafeEqual(digest(sent), expected);
  };
}
