import type { YogaServerOptions } from 'graphql-yoga';

type CorsOption = NonNullable<YogaServerOptions<object, object>['cors']>;

/**
 * Which websites' scripts may call the API from a browser: the listed origins, or any with `*`. Never with the
 * browser's credentials (cookies): a caller identifies itself with an API key in Authorization, which a page has to
 * set itself, so a permitted site can do nothing with a visitor's browser that it could not do without it.
 */
export function corsPolicy(origins: readonly string[]): CorsOption {
  const anyOrigin = origins.includes('*');
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !(anyOrigin || origins.includes(origin))) return false;
    return {
      // '*' here makes yoga echo the caller's origin, with Vary: Origin.
      origin: '*',
      credentials: false,
      methods: ['GET', 'POST'],
      exposedHeaders: ['x-request-id', 'idempotent-replayed', 'retry-after'],
      maxAge: 7200,
    };
  };
}
