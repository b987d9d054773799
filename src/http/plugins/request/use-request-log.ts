import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type RequestRecord, requestRecord } from '../../request-record.js';

const INCOMING_ID = /^[\w.:-]{1,100}$/;

/**
 * One JSON line per request: its id (taken from X-Request-Id where the caller sent a sane one), method and path,
 * operation name, duration, SQL statements and outcome. Every response carries the id in X-Request-Id. The paths in
 * `unlogged` (/metrics, which Prometheus asks every few seconds) get an id but no line.
 */
export function useRequestLog(
  write: (line: string) => void = console.log,
  { unlogged = [] }: { unlogged?: readonly string[] } = {},
): Plugin {
  return {
    instrumentation: {
      request: ({ request }, wrapped) => {
        const incoming = request.headers.get('x-request-id');
        const record: RequestRecord = {
          id: incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID(),
          started: performance.now(),
          method: request.method,
          path: new URL(request.url).pathname,
          operation: null,
          statements: 0,
          status: null,
          errors: [],
        };
        return requestRecord.run(record, async () => {
          try {
            await wrapped();
          } finally {
            if (!unlogged.includes(record.path))
              write(
                JSON.stringify({
                  level: 'info',
                  requestId: record.id,
                  method: record.method,
                  path: record.path,
                  operation: record.operation,
                  durationMs: Math.round((performance.now() - record.started) * 10) / 10,
                  statements: record.statements,
                  status: record.status,
                  outcome: record.errors.length === 0 ? 'ok' : 'error',
                  errors: record.errors,
                }),
              );
          }
        });
      },
    },
    onExecute({ args }) {
      const record = requestRecord.getStore();
      if (record) record.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ result }) {
      const record = requestRecord.getStore();
      if (!record) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of ('errors' in single ? single.errors : undefined) ?? []) {
          record.errors.push(String(error.extensions?.code ?? 'UNKNOWN'));
        }
      }
    },
    onResponse({ response }) {
      const record = requestRecord.getStore();
      if (!record) return;
      record.status = response.status;
      response.headers.set('x-request-id', record.id);
    },
  };
}
