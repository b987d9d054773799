import { type Attributes, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';
import { requestRecord } from '../../request-record.js';

/**
 * OpenTelemetry spans for each request: the request (the trace's root, named by method and path, with the request
 * id, the operation's name and the status), and inside it GraphQL's parse, validate and execute. Resolvers and SQL
 * statements open theirs beneath (src/graphql/resolver-spans.ts, ../../statement-spans.ts). Every span carries
 * `whosaid.request_id`, the id of the request log's line and of X-Request-Id: useRequestLog's instrumentation, which
 * wraps this one, has made it.
 */
export function useTracing(tracer: Tracer): Plugin {
  const requestId = (): Attributes => ({ 'whosaid.request_id': requestRecord.getStore()?.id });
  const phase = <Result>(name: string, wrapped: () => Result): Result =>
    tracer.startActiveSpan(name, { attributes: requestId() }, (span) => {
      try {
        return wrapped();
      } finally {
        span.end();
      }
    });
  return {
    instrumentation: {
      request: ({ request }, wrapped) => {
        const path = new URL(request.url).pathname;
        return tracer.startActiveSpan(
          `${request.method} ${path}`,
          {
            kind: SpanKind.SERVER,
            attributes: { 'http.request.method': request.method, 'url.path': path, ...requestId() },
          },
          async (span) => {
            try {
              await wrapped();
            } finally {
              const record = requestRecord.getStore();
              if (record?.status) span.setAttribute('http.response.status_code', record.status);
              if (record?.operation) span.setAttribute('graphql.operation.name', record.operation);
              if (record?.errors.length) {
                span.setAttribute('whosaid.error_codes', record.errors);
                span.setStatus({ code: SpanStatusCode.ERROR, message: record.errors.join(', ') });
              }
              span.end();
            }
          },
        );
      },
      parse: (_payload, wrapped) => phase('graphql.parse', wrapped),
      validate: (_payload, wrapped) => phase('graphql.validate', wrapped),
      execute: (_payload, wrapped) =>
        tracer.startActiveSpan('graphql.execute', { attributes: requestId() }, async (span) => {
          try {
            await wrapped();
          } finally {
            const operation = requestRecord.getStore()?.operation;
            if (operation) span.setAttribute('graphql.operation.name', operation);
            span.end();
          }
        }),
    },
  };
}
