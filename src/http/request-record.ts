import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm';

/** What the request log records of the request being handled, filled in as the request goes through yoga. */
export interface RequestRecord {
  id: string;
  started: number;
  method: string;
  path: string;
  operation: string | null;
  statements: number;
  status: number | null;
  errors: string[];
}

/** The record of the request being handled: useRequestLog runs each request inside its own. */
export const requestRecord = new AsyncLocalStorage<RequestRecord>();

/** The databases' logger: counts each SQL statement towards the request it runs for. */
export const statementCounter: Logger = {
  logQuery() {
    const record = requestRecord.getStore();
    if (record) record.statements += 1;
  },
};

/** The id of the request being handled, where there is one. */
export function currentRequestId(): string | undefined {
  return requestRecord.getStore()?.id;
}
