// `npm run build`: the Node server as one JavaScript module, dist/server/node.js, that `node` runs alone
// (`npm run start:prod`). Bundled rather than compiled file by file, so that the patched @pothos packages
// (patches/, applied by patch-package to node_modules at install) are in dist: a production install runs no
// patch-package. PGlite stays a package, installed by `npm ci --omit=dev`: it loads its WebAssembly and data files
// from beside its own modules. The bundle sits two folders down, as src/db/migrations.ts does, so that the
// migrations are found at ../../drizzle.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/server';

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { node: 'src/server/node.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native'],
  // Packages written as CommonJS (pg, ioredis) call require() for Node's modules, which an ES module lacks.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`${outdir}/node.js`);
