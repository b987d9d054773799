import type { Cache } from '@graphql-yoga/plugin-response-cache';
import { GraphQLError } from 'graphql';
import { createYoga, type GraphiQLRenderer, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { ChangeFeedHub } from '../db/change-feed-follower.js';
import type { Database } from '../db/database.js';
import { findViewer, type Viewer } from '../domain/auth/api-keys.js';
import type { Context } from '../graphql/context.js';
import { schema } from '../graphql/schema/index.js';
import { bearerToken } from './bearer-token.js';
import { corsPolicy } from './cors.js';
import { GRAPHIQL_DEFAULT_QUERY } from './graphiql-default-query.js';
import { maskedError } from './mask-error.js';
import { GRAPHQL_PATH, METRICS_PATH } from './paths.js';
import { useCursorCheck } from './plugins/execute/use-cursor-check.js';
import { usePageSizeLimit } from './plugins/execute/use-page-size-limit.js';
import { useReadCache } from './plugins/execute/use-read-cache.js';
import { useReadSnapshot } from './plugins/execute/use-read-snapshot.js';
import { useCsrfPrevention } from './plugins/parse/use-csrf-prevention.js';
import { useTrustedDocuments } from './plugins/parse/use-trusted-documents.js';
import { useBodyLimit } from './plugins/request/use-body-limit.js';
import { useClaimReviewJsonLd } from './plugins/request/use-claim-review-json-ld.js';
import { useExport } from './plugins/request/use-export.js';
import { useHealth } from './plugins/request/use-health.js';
import { useIdempotencyKeys } from './plugins/request/use-idempotency-keys.js';
import { useRateLimit } from './plugins/request/use-rate-limit.js';
import { useRequestLog } from './plugins/request/use-request-log.js';
import { useEventIds } from './plugins/result/use-event-ids.js';
import { useDisableIntrospection } from './plugins/validate/use-disable-introspection.js';
import { useQueryLimits } from './plugins/validate/use-query-limits.js';
import type { RateLimiter } from './rate-limiter.js';

export interface WhosaidOptions<ServerContext extends object> {
  /** The database for a request: a Worker opens one per request and passes it in, a Node server shares one. */
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>;
  /** GraphiQL on GET /graphql for a browser (Accept: text/html), open on an example query; on by default. */
  graphiql?: boolean;
  /**
   * The GraphiQL page; yoga's own loads GraphiQL from a CDN. The Node server passes the bundled one
   * (@graphql-yoga/render-graphiql) so GraphiQL works offline; at 2.7 MB gzipped it would not fit a Worker.
   */
  renderGraphiQL?: GraphiQLRenderer;
  /** Whether __schema and __type may be queried; on by default. GraphiQL needs it to know the schema. */
  introspection?: boolean;
  /** Origins whose pages may call the API from a browser, `*` for any (the default); [] for none. */
  cors?: readonly string[];
  /** Whether reads need an API key too; by default they are public. */
  readsRequireKey?: boolean;
  /** "Did you mean …?" in validation errors: for development; they map the schema for anyone who asks. */
  fieldSuggestions?: boolean;
  /** Where the JSON line for each request, and each unexpected error in full, are written; nowhere by default. */
  log?: (line: string) => void;
  /** The limit of requests per client over time, where there is one: a Worker's comes with each request. */
  rateLimiter?: (context: ServerContext & YogaInitialContext) => RateLimiter | undefined;
  /** Only operations registered as trusted documents run (sent by their hash): for production front ends. */
  trustedDocumentsOnly?: boolean;
  /**
   * Seconds for which answers to anonymous reads are kept in this process and served again without the database;
   * 0 (the default) keeps none. A write through this process clears them.
   */
  readCacheSeconds?: number;
  /**
   * Where the read cache keeps its answers: this process's memory by default; sharedReadCache keeps them in the Redis
   * that every instance of a deployment shares, so that a write through any of them clears them for all.
   */
  readCacheStore?: Cache;
  /**
   * How long a request with an Idempotency-Key may run before a retry takes it to have died and runs it again. The
   * settings choose it from the statement timeout (claimLeaseMs); by default, a minute, as for the default timeout.
   */
  idempotencyLeaseMs?: number;
  /** The client's address, for the rate limit of requests without an API key. */
  clientAddress?: (request: Request, context: ServerContext & YogaInitialContext) => string | undefined;
  /**
   * This process's reader of the change feed, which hands each commit's changes to its subscriptions: a Node server
   * has one. Without it (the Worker), each subscription reads the feed itself, every second.
   */
  changeFeed?: ChangeFeedHub;
  /**
   * GET /metrics: useMetrics(…), which the Node server makes where WHOSAID_METRICS turns it on; without, there is none
   * (404). Made by the entry, so that prom-client is not in the Worker's bundle.
   */
  metrics?: Plugin;
  /** Spans of each request: useTracing(tracer), where the Node server has OpenTelemetry on; none by default. */
  tracing?: Plugin;
}

/** The whosaid GraphQL handler, the same on every platform: a fetch function over /graphql. */
export function createWhosaid<ServerContext extends object = object>(options: WhosaidOptions<ServerContext>) {
  const log = options.log ?? (() => {});
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: (options.graphiql ?? true) && { defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    renderGraphiQL: options.renderGraphiQL,
    landingPage: false,
    cors: corsPolicy(options.cors ?? ['*']),
    // One operation per request: a JSON array is refused, so that the query limits bound a request.
    batching: false,
    // useBodyLimit has read every POST body, within 1 MiB, before yoga parses it; yoga's own limit would stream that
    // body through a TransformStream once more, a pipeline and an AbortError per request.
    maxRequestBodySize: false,
    // GET /health is whosaid's and asks the database (useHealth); yoga's own, which does not, moves aside.
    healthCheckEndpoint: '/health/live',
    // Requests and unexpected errors are logged through `log`, as JSON lines, with their request id.
    logging: false,
    context: async (initial) => {
      const db = await options.database(initial);
      return {
        db,
        viewer: await viewerOf(db, initial.request),
        readsRequireKey: options.readsRequireKey ?? false,
        changeFeed: options.changeFeed,
        lastEventId: initial.request.headers.get('last-event-id') ?? undefined,
      };
    },
    // In the order of the phases they act in. Where two act at the same hook, one that answers stops those after it:
    // - useRequestLog first, so that its onExecute names the operation even of a request a check at execute stops.
    //   (X-Request-Id and the log line come from onResponse and instrumentation, which run for every answer.)
    //   Its instrumentation wraps the others', so the request id is there for useTracing's spans.
    // - useTracing (options.tracing) next, so that its request span covers all that the others do.
    // - useMetrics (options.metrics) before useRateLimit, so that a scrape is never refused; it answers /metrics at
    //   onRequest, before the others, and its onResponse reads what useRequestLog recorded.
    // - useHealth before useRateLimit, so that /health is never refused.
    // - useRateLimit before useBodyLimit, so that a client over its limit is refused before its body is read.
    // - useClaimReviewJsonLd after useRateLimit, which counts its GETs too; it answers before GraphQL's plugins.
    // - useExport after useRateLimit, so that the export is counted like any request; it is a GET, with no body.
    // - useBodyLimit before useIdempotencyKeys, which reads the body too, to hash it, and asks the database.
    // - useCsrfPrevention refuses at onRequestParse, before yoga's parser reads the request.
    // - useTrustedDocuments before useReadCache, both at onParams: it puts in the document a hash names, by which
    //   the read cache keys its answers.
    // - useDisableIntrospection and useQueryLimits refuse at parse and validate, before anything runs.
    // - usePageSizeLimit and useCursorCheck at execute, since what they check may come in variables; before resolvers.
    // - useReadSnapshot after them, so that an operation they refuse opens no transaction.
    // - useReadCache last of those: even what it answers at onRequest (304 to If-None-Match) comes after the rate limit.
    // - useEventIds acts on a subscription's results, after everything above has let it run.
    plugins: [
      useRequestLog(log, { unlogged: [METRICS_PATH] }),
      ...(options.tracing ? [options.tracing] : []),
      ...(options.metrics ? [options.metrics] : []),
      useHealth<ServerContext>(options.database),
      ...(options.rateLimiter
        ? [useRateLimit<ServerContext>(options.rateLimiter, options.clientAddress ?? (() => undefined))]
        : []),
      useClaimReviewJsonLd<ServerContext>(options.database, options.readsRequireKey ?? false),
      useExport<ServerContext>(options.database),
      useBodyLimit(),
      useIdempotencyKeys<ServerContext>(options.database, log, options.idempotencyLeaseMs),
      useCsrfPrevention(),
      useTrustedDocuments<ServerContext>(options.database, options.trustedDocumentsOnly ?? false),
      ...((options.introspection ?? true) ? [] : [useDisableIntrospection()]),
      useQueryLimits({ fieldSuggestions: options.fieldSuggestions ?? false }),
      usePageSizeLimit(),
      useCursorCheck(),
      useReadSnapshot(schema),
      ...(options.readCacheSeconds ? [useReadCache(schema, options.readCacheSeconds, options.readCacheStore)] : []),
      useEventIds(),
    ],
    maskedErrors: { maskError: (error, message) => maskedError(error, message, log) },
  });
}

/** The caller named by `Authorization: Bearer <key>`; a key that is unknown or revoked is refused outright. */
async function viewerOf(db: Database, request: Request): Promise<Viewer | null> {
  if (!request.headers.get('authorization')) return null;
  const key = bearerToken(request);
  const viewer = key ? await findViewer(db, key) : null;
  if (!viewer) {
    throw new GraphQLError('The API key is not valid or has been revoked', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return viewer;
}
