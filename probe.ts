import { archiveTables } from './bench/archive.js';
import { SIZES } from './bench/sizes.js';
const name = (process.argv[2] ?? 'small') as keyof typeof SIZES;
const t0 = performance.now();
let bytes = 0;
for (const t of archiveTables(SIZES[name], 1)) {
  let n = 0; let first = '';
  for (const line of t.rows) { if (n === 0) first = line; n++; bytes += line.length; }
  console.log(t.table, n, name === 'small' ? first.trim().slice(0, 300) : '');
}
console.log('ms', Math.round(performance.now() - t0), 'MB', Math.round(bytes / 1e6));
