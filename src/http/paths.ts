/** Where the handler serves GraphQL. */
export const GRAPHQL_PATH = '/graphql';

/** Where a handler with metrics answers Prometheus (useMetrics), which the request log leaves out. */
export const METRICS_PATH = '/metrics';
