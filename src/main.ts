import { ConfigError, loadConfig } from './config.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG
}

// Tracing hooks module loading, so the server (pg, amqplib, fastify) is imported only after it.
await (await import('./composition/tracing.ts')).startTracingIfConfigured();
const { runServer } = await import('./composition/run-server.ts');
await runServer(config);
