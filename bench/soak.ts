// `npm run soak`: concurrent writers and readers against one whosaid server for a fixed time, then checks of what the
// writers were told against the database. See bench/README.md, "Soak".
import { parseArgs } from 'node:util';
import { databaseSettings, settingsOrExit } from '../src/config/settings.js';
import { figuresText } from './soak/figures.js';
import { runSoak } from './soak/run-soak.js';

const usage = `usage: [DATABASE_URL=postgres://…] npm run soak -- [--seconds 60] [--writers 4] [--readers 2] [--seed N]
  Without DATABASE_URL the server runs on PGlite in a fresh data directory. With it, give it an empty database of its
  own: the soak replays the whole change feed.`;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    writers: { type: 'string', default: '4' },
    readers: { type: 'string', default: '2' },
    seed: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.error(usage);
  process.exit(0);
}

const positive = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`--${name} must be a positive whole number, not "${value}"\n${usage}`);
    process.exit(1);
  }
  return number;
};

const { databaseUrl } = settingsOrExit(databaseSettings, usage);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : positive('seed', values.seed);
const report = await runSoak({
  databaseUrl,
  seconds: positive('seconds', values.seconds),
  writers: positive('writers', values.writers),
  readers: positive('readers', values.readers),
  seed,
  log: (line) => console.error(`soak: [${(performance.now() / 1000).toFixed(1)} s] ${line}`),
});

console.log(`Soak of ${report.where}, run ${report.run}, seed ${report.seed}, started ${report.startedAt}`);
console.log(`${report.writers} writers, ${report.readers} readers and one feed follower\n`);
console.log(figuresText(report.figures));
console.log('');
for (const check of report.checks) {
  console.log(`${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.summary}`);
  for (const problem of check.problems.slice(0, 20)) console.log(`  - ${problem}`);
  if (check.problems.length > 20) console.log(`  … and ${check.problems.length - 20} more`);
}
const failed = report.checks.filter((check) => !check.passed);
if (failed.length > 0) {
  console.error(`soak: FAILED: ${failed.map((check) => check.name).join(', ')}`);
  process.exit(1);
}
console.error(`soak: every check held (${(performance.now() / 1000).toFixed(1)} s in all)`);
