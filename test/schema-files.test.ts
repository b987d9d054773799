import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema/index.js';

describe('the committed schema files', () => {
  it('schema.graphql is the schema the code builds (npm run schema:print)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('drizzle/ holds every change of src/db/schema.ts (npm run db:generate)', () => {
    const run = spawnSync('npx', ['drizzle-kit', 'generate', '--explain', '--output', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { status: string; statements?: string[] };
    expect(report).toEqual({ status: 'no_changes', dialect: 'postgresql' });
  });
});
