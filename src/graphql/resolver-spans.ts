import type { GraphQLFieldResolver } from 'graphql';

/** Runs a resolver (`resolve`) of the field `Type.field` inside what traces it. */
export type ResolverTracer = <Result>(field: string, resolve: () => Result) => Result;

let resolverTracer: ResolverTracer | undefined;

/**
 * Where traces are on, the Node server sets, for the process, what each resolver runs in
 * (src/http/database-spans.ts's resolverSpans); unset, a resolver runs as it is.
 */
export function traceResolvers(tracer: ResolverTracer | undefined): void {
  resolverTracer = tracer;
}

/** `resolver`, run through the resolver tracer where there is one: off, it costs a look at a variable. */
export function withResolverSpan<Source, Ctx>(
  resolver: GraphQLFieldResolver<Source, Ctx, Record<string, unknown>>,
): GraphQLFieldResolver<Source, Ctx, Record<string, unknown>> {
  return (source, args, ctx, info) => {
    const tracer = resolverTracer;
    if (!tracer) return resolver(source, args, ctx, info);
    return tracer(`${info.parentType.name}.${info.fieldName}`, () => resolver(source, args, ctx, info));
  };
}
