// `npm run build:worker`: bundles the Worker as `wrangler deploy` would (dist/worker/), and reports its raw and gzip size
// and the packages that weigh most in it. With --json, prints the report as JSON.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const GZIP_BUDGET = 1024 * 1024;
const outdir = 'dist/worker';

rmSync(outdir, { recursive: true, force: true });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--env', 'production', '--outdir', outdir, '--metafile'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

const bundle = readdirSync(outdir).find((file) => file.endsWith('.js'))!;
const code = readFileSync(join(outdir, bundle));
const meta = JSON.parse(readFileSync(join(outdir, 'bundle-meta.json'), 'utf8')) as {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
};
const byPackage = new Map<string, number>();
for (const output of Object.values(meta.outputs)) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const owner = match ? match[1]! : input.startsWith('src/') || input.startsWith('functions/') ? 'whosaid' : 'other';
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
}
const report = {
  bundle: join(outdir, bundle),
  rawBytes: code.length,
  gzipBytes: gzipSync(code, { level: 9 }).length,
  gzipBudget: GZIP_BUDGET,
  heaviest: [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, bytes]) => ({ name, bytes })),
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report));
} else {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `${report.bundle}: ${kib(report.rawBytes)} raw, ${kib(report.gzipBytes)} gzip (budget ${kib(GZIP_BUDGET)})`,
  );
  for (const { name, bytes } of report.heaviest) console.log(`  ${kib(bytes).padStart(10)}  ${name}`);
}
if (report.gzipBytes > GZIP_BUDGET) process.exitCode = 1;
