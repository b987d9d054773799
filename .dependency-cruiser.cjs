// The layers, top to bottom: entries (src/server, functions, scripts, bench) → src/config → src/http → src/graphql →
// src/domain → src/db. An import may go down, never up or sideways into an entry. ARCHITECTURE.md draws them.
const below = (layer, above) => ({
  name: `${layer}-imports-down`,
  comment: `src/${layer} may not import ${above.join(', ')}: imports point from the entries down to the database`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^(${above.map((folder) => folder.replace(/\//g, '\\/')).join('|')})/` },
});

const ENTRIES = ['src/server', 'functions', 'scripts', 'bench'];

module.exports = {
  forbidden: [
    below('db', ['src/domain', 'src/graphql', 'src/http', 'src/config', ...ENTRIES]),
    below('domain', ['src/graphql', 'src/http', 'src/config', ...ENTRIES]),
    below('graphql', ['src/http', 'src/config', ...ENTRIES]),
    below('http', ['src/config', ...ENTRIES]),
    below('config', ['src/http', 'src/graphql', 'src/domain', ...ENTRIES]),
    below('dev', ['src/db', 'src/domain', 'src/graphql', 'src/http', 'src/config', ...ENTRIES]),
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
