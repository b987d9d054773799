import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { QUERY_NAMES, queryNamesFrom } from '../mix-types.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run bench -- --queries', () => {
  it('takes the names of the mix, in the mix’s order', () => {
    expect(queryNamesFrom('mutationMixSmallPair, actorPage,actorPage')).toEqual(['actorPage', 'mutationMixSmallPair']);
  });

  it('refuses a name the mix does not have, and an empty list, naming the queries it has', () => {
    expect(() => queryNamesFrom('actorPage,actorpage')).toThrow(
      `unknown query: actorpage; the queries of the mix are ${QUERY_NAMES.join(', ')}`,
    );
    expect(() => queryNamesFrom(' , ')).toThrow(`no query named; the queries of the mix are ${QUERY_NAMES.join(', ')}`);
  });

  it('ends with 1 before it starts anything, where a name is unknown', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--queries', 'timeline'], {
      cwd: root,
      // Never connected to: the flags are refused first.
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      `--queries: unknown query: timeline; the queries of the mix are ${QUERY_NAMES.join(', ')}`,
    );
  });
});
