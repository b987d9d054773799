// The layers, top to bottom: the entries (src/server, functions, scripts, bench), which read src/config and serve
// src/http; src/http → src/graphql → src/domain → src/db, each of which may also skip down; src/config reads only
// src/db. An import may point down, never up, nor into an entry, a test or the development tools (src/dev).
// ARCHITECTURE.md draws them.
const below = (layer, above) => ({
  name: `${layer}-imports-down`,
  comment: `src/${layer} may not import ${above.join(', ')}: imports point from the entries down to the database`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^(${above.map((folder) => folder.replace(/\//g, '\\/')).join('|')})/` },
});

const ENTRIES = ['src/server', 'functions', 'scripts', 'bench', 'test', 'src/dev'];

module.exports = {
  forbidden: [
    below('db', ['src/domain', 'src/graphql', 'src/http', 'src/config', ...ENTRIES]),
    below('domain', ['src/graphql', 'src/http', 'src/config', ...ENTRIES]),
    below('graphql', ['src/http', 'src/config', ...ENTRIES]),
    below('http', ['src/config', ...ENTRIES]),
    below('config', ['src/http', 'src/graphql', 'src/domain', ...ENTRIES]),
    below('dev', [
      'src/db',
      'src/domain',
      'src/graphql',
      'src/http',
      'src/config',
      'src/server',
      'functions',
      'scripts',
      'bench',
      'test',
    ]),
    {
      name: 'layers-only',
      comment:
        'Every module of src belongs to one of the layers (or to src/dev); a new folder is a new layer, named here',
      severity: 'error',
      from: { path: '^src/(?!(server|config|http|graphql|domain|db|dev)/)' },
      to: {},
    },
    {
      name: 'no-test-imports',
      comment: 'What ships may not import the tests or their support',
      severity: 'error',
      from: { path: '^(src|functions|scripts)/|^bench/(?!test/)' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'Two modules that import each other are one module in two files',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
