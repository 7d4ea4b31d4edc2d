/**
 * Dependency rules from STYLE.md: dependencies flow one way. Every rule counts type-only
 * imports too: a type import still couples the importer to what it names.
 * test/rules/dependency-rules.test.ts plants a violation of each rule in a copy of src/ and
 * expects this check to fail, so a rule cannot silently loosen.
 */

/** Packages that do I/O or tie code to a framework: adapters use them, the core never does. */
const INFRASTRUCTURE = [
  'kysely',
  'pg',
  'pg-[^/]+',
  '@electric-sql/[^/]+',
  'amqplib',
  'fastify',
  'fastify-[^/]+',
  '@fastify/[^/]+',
  'jose',
  'pino',
  'pino-[^/]+',
  'prom-client',
  '@opentelemetry/[^/]+',
  'ws',
  'undici',
  'nodemailer',
  'web-push',
  '@parse/node-apn',
  'google-auth-library',
  'async-mutex',
  'commander',
];
/** Node's I/O modules (node:crypto stays allowed: hashing and ids are computation). */
const NODE_IO = ['fs', 'net', 'http', 'http2', 'https', 'child_process', 'dgram', 'dns', 'tls', 'cluster', 'worker_threads'];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: "domain/ imports only shared/ and its own context's domain/ (types included)",
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/domain/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/contexts/$1/domain/'] },
    },
    {
      name: 'domain-no-node-or-npm',
      comment: 'no I/O or framework in the domain (its tests may use the test runner)',
      severity: 'error',
      from: { path: '^src/contexts/[^/]+/domain/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'shared/ imports nothing else from src/: every layer may use it',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'contexts-through-index',
      comment: 'another context is reached only through its index.ts',
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/' },
      to: {
        path: '^src/contexts/',
        pathNot: ['^src/contexts/$1/', '^src/contexts/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'outside-reaches-contexts-through-index',
      comment: 'read models, adapters and the composition root reach a context only through its index.ts',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/contexts/' },
      to: { path: '^src/contexts/', pathNot: '^src/contexts/[^/]+/index\\.ts$' },
    },
    {
      name: 'core-without-infrastructure',
      comment: 'contexts, read models and shared/ use ports, never infrastructure packages or Node I/O',
      severity: 'error',
      from: { path: '^src/(contexts|read-model|shared)/' },
      to: {
        path: [`(^|/)node_modules/(${INFRASTRUCTURE.join('|')})/`, `^(node:)?(${NODE_IO.join('|')})(/|$)`],
      },
    },
    {
      name: 'core-not-to-adapters',
      comment: 'contexts, read models and shared/ never import adapters',
      severity: 'error',
      from: { path: '^src/(contexts|read-model|shared)/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'adapters-not-to-each-other',
      comment:
        'an adapter uses another only through a port that the composition root fills in (tests may wire two adapters)',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'only-composition-wires',
      comment: 'only main and the CLI use the composition root',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main\\.ts$', '^src/cli\\.ts$', '^src/composition/', '\\.test\\.ts$'] },
      to: { path: ['^src/composition/', '^src/main\\.ts$', '^src/cli\\.ts$'] },
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
      name: 'web-only-over-http',
      comment: 'the browser app (web/) talks to the server over HTTP and WebSocket only: it imports nothing of the server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|test|bench|scripts|bin)/' },
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
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
