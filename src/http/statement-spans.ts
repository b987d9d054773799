import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { StatementTracer } from '../db/statement-tracer.js';
import { pendingResolverOf } from '../graphql/resolver-spans.js';
import { currentRequestId } from './request-record.js';

/**
 * A span for each SQL statement a traced request runs, the child of the resolver that ran it (whose span this opens,
 * the first time) or else of the phase it ran in (the read snapshot's BEGIN runs in execute's). Statements outside a
 * traced request (migrations, the seed) make none.
 */
export function statementSpans(tracer: Tracer): StatementTracer {
  return (text, run) => {
    const active = context.active();
    if (!trace.getSpan(active)) return run();
    const requestId = currentRequestId();
    let parent = active;
    const resolver = pendingResolverOf(active);
    if (resolver) {
      resolver.span ??= tracer.startSpan(
        resolver.name,
        { startTime: resolver.startTime, attributes: { 'whosaid.request_id': requestId } },
        resolver.parent,
      );
      parent = trace.setSpan(active, resolver.span);
    }
    const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
    return tracer.startActiveSpan(
      operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'postgresql',
          'db.operation.name': operation,
          // The statement's text has $1, $2 where its values go: no value a caller sent is in a trace.
          'db.query.text': text,
          'whosaid.request_id': requestId,
        },
      },
      parent,
      async (span) => {
        try {
          return await run();
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
}
