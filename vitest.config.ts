import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The halves of the contract suites that need nothing outside the process (PGlite storage,
 * the in-process bus). They run in `npm run check` with the unit tests; their PostgreSQL and
 * RabbitMQ halves run in `npm test` with the other integration tests.
 */
const QUICK_CONTRACTS = ['test/contract/storage-pglite.test.ts', 'test/contract/in-process-bus.test.ts'];
/** Plants violations of the dependency and lint rules in a copy of src/ (also in `npm run check`). */
const RULES = ['test/rules/**/*.test.ts'];
/** Static checks of the deployment files (compose, Kubernetes, Dockerfile, Keycloak realm). */
const DEPLOY = ['test/deploy/**/*.test.ts'];
/**
 * Tests that start orderflow as OS processes (tsx compiling at start-up, up to twelve at once)
 * or a browser: CPU-heavy, so they run one file at a time, after everything else.
 */
const PROCESSES = [
  'test/e2e/fault-roles.e2e.test.ts',
  'test/e2e/fulfilment-assigners.e2e.test.ts',
  'test/e2e/graceful-shutdown.e2e.test.ts',
  'test/e2e/hostile-start-order.e2e.test.ts',
  'test/e2e/live-updates-multi-process.e2e.test.ts',
  'test/e2e/multi-process.e2e.test.ts',
  'test/e2e/operations-listener.e2e.test.ts',
  'test/e2e/startup-*.test.ts',
  'test/e2e/tracing-otlp.e2e.test.ts',
  'test/integration/cli.test.ts',
  'test/browser/**/*.test.ts',
];

// Unit tests need nothing outside the process; integration and e2e tests talk to the real
// PostgreSQL and RabbitMQ on this machine (see README, "Tests").
export default defineConfig({
  test: {
    reporters: ['default', './test/support/count-reporter.ts'],
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Most
    // integration files wait on PostgreSQL, RabbitMQ and timers, so two run side by side.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        // The web app's own logic (money, basket, timeline, resume bookkeeping): plain functions.
        test: { name: 'web', include: ['web/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'contract-quick',
          include: QUICK_CONTRACTS,
          // PGlite compiles its WASM and runs initdb on start: seconds on a busy machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'rules', include: RULES, testTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'deploy', include: DEPLOY, testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...QUICK_CONTRACTS, ...RULES, ...DEPLOY, ...PROCESSES],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'processes',
          include: PROCESSES,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
