import {
  type Context,
  context,
  createContextKey,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { StatementTracer } from '../db/statement-tracer.js';
import type { ResolverTracer } from '../graphql/resolver-spans.js';
import { currentRequestId } from './request-record.js';

/**
 * A resolver being run in a traced request, whose span is made only if it reaches the database: the first SQL
 * statement it runs opens it, dated from when the resolver started. A field answered from what its parent loaded has
 * none, so a trace shows the resolvers that cost SQL, not every field of the answer.
 */
interface PendingResolverSpan {
  readonly name: string;
  readonly startTime: number;
  /** The context the resolver was called in: its span's parent. */
  readonly parent: Context;
  span?: Span;
  ended: boolean;
}

const PENDING_RESOLVER = createContextKey('whosaid resolver span');

/** Each resolver of a traced request run with a PendingResolverSpan in its context; outside one, as it is. */
export function resolverSpans(): ResolverTracer {
  return (name, resolve) => {
    const parent = context.active();
    if (!trace.getSpan(parent)) return resolve();
    const pending: PendingResolverSpan = {
      name,
      startTime: performance.timeOrigin + performance.now(),
      parent,
      ended: false,
    };
    const end = (error?: unknown) => {
      if (error !== undefined) pending.span?.recordException(error as Error);
      pending.ended = true;
      pending.span?.end();
    };
    let result: ReturnType<typeof resolve>;
    try {
      result = context.with(parent.setValue(PENDING_RESOLVER, pending), resolve);
    } catch (error) {
      end(error);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          end();
          return value;
        },
        (error: unknown) => {
          end(error);
          throw error;
        },
      ) as typeof result;
    }
    end();
    return result;
  };
}

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
    const resolver = active.getValue(PENDING_RESOLVER) as PendingResolverSpan | undefined;
    if (resolver && !resolver.ended) {
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
