import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The edge budget: Cloudflare refuses large Workers, and every byte is parsed at startup.
describe('the Worker bundle (npm run build:worker)', () => {
  it('stays under 1 MiB gzipped, without the Node-only database drivers', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-worker.ts', '--json'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(output.trim().split('\n').at(-1)!) as {
      gzipBytes: number;
      gzipBudget: number;
      heaviest: { name: string }[];
    };
    expect(report.gzipBudget).toBe(1024 * 1024);
    expect(report.gzipBytes).toBeLessThan(report.gzipBudget);
    expect(report.heaviest.map((entry) => entry.name)).not.toContain('pg');
    expect(report.heaviest.map((entry) => entry.name)).not.toContain('@electric-sql/pglite');
  });
});
