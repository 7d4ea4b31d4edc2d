/** Dependency rules from STYLE.md: dependencies flow one way. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only shared/ and its own context domain',
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/shared/', '^src/contexts/$1/domain/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-no-node-or-npm',
      comment: 'no I/O or framework in the domain',
      severity: 'error',
      from: { path: '^src/contexts/[^/]+/domain/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'] },
    },
    {
      name: 'contexts-through-index',
      comment: 'another context is reached only through its index.ts',
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/' },
      to: {
        path: '^src/contexts/([^/]+)/',
        pathNot: ['^src/contexts/$1/', '^src/contexts/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'core-not-to-adapters',
      comment: 'contexts and read models never import adapters',
      severity: 'error',
      from: { path: '^src/(contexts|read-model|shared)/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'only-main-reads-config',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['^src/main\\.ts$', '^src/config\\.ts$', '^src/cli\\.ts$', '^src/composition/', '\\.test\\.ts$'],
      },
      to: { path: '^src/config\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
