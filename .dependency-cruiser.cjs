/**
 * Import rules checked in CI (`npm run lint:deps`): no circles anywhere, and the domain rules stay pure —
 * functions/domain may import only other domain files and the schemas.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which module owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'functions/domain holds pure rules: it imports nothing but itself and schemas/.',
      from: { path: '^functions/domain/' },
      to: { pathNot: ['^functions/domain/', '^schemas/'] },
    },
    {
      name: 'schemas-do-not-import-functions',
      severity: 'error',
      comment: 'Schemas are the contract; the code depends on them, not the other way round (openapi.ts, which documents the route table, excepted).',
      from: { path: '^schemas/', pathNot: '^schemas/(openapi|write-openapi)\\.ts$' },
      to: { path: '^(functions|infra)/', pathNot: '^functions/domain/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
