import { type Context, context, createContextKey, type Span, trace } from '@opentelemetry/api';
import type { GraphQLFieldResolver } from 'graphql';

/**
 * A resolver being run in a traced request, whose span is made only if it reaches the database: the first SQL
 * statement it runs opens it (`resolverSpanOf`), dated from when the resolver started. A field answered from what its
 * parent loaded has none, so a trace shows the resolvers that cost SQL, not every field of the answer.
 */
export interface PendingResolverSpan {
  readonly name: string;
  readonly startTime: number;
  /** The context the resolver was called in: its span's parent. */
  readonly parent: Context;
  span?: Span;
  ended: boolean;
}

const PENDING_RESOLVER = createContextKey('whosaid resolver span');

/** The resolver whose statement runs in `active`, if it still runs. */
export function pendingResolverOf(active: Context): PendingResolverSpan | undefined {
  const pending = active.getValue(PENDING_RESOLVER) as PendingResolverSpan | undefined;
  return pending && !pending.ended ? pending : undefined;
}

/**
 * `resolver`, run with a PendingResolverSpan in its context where a span is active (a traced request); outside one,
 * as it is, for the cost of a look at the context.
 */
export function withResolverSpan<Source, Ctx>(
  resolver: GraphQLFieldResolver<Source, Ctx, Record<string, unknown>>,
): GraphQLFieldResolver<Source, Ctx, Record<string, unknown>> {
  return (source, args, ctx, info) => {
    const parent = context.active();
    if (!trace.getSpan(parent)) return resolver(source, args, ctx, info);
    const pending: PendingResolverSpan = {
      name: `${info.parentType.name}.${info.fieldName}`,
      startTime: performance.timeOrigin + performance.now(),
      parent,
      ended: false,
    };
    const end = () => {
      pending.ended = true;
      pending.span?.end();
    };
    let result: unknown;
    try {
      result = context.with(parent.setValue(PENDING_RESOLVER, pending), () => resolver(source, args, ctx, info));
    } catch (error) {
      pending.span?.recordException(error as Error);
      end();
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          end();
          return value;
        },
        (error: unknown) => {
          pending.span?.recordException(error as Error);
          end();
          throw error;
        },
      );
    }
    end();
    return result;
  };
}
