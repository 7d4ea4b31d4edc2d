#!/usr/bin/env node
// The `orderflow` command. The code is TypeScript run through tsx (a dependency, as for
// `npm start`), so it works from a clone after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
// OpenTelemetry (when OTEL_TRACES_EXPORTER is set) must hook module loading before the CLI
// imports pg, amqplib and fastify.
await (await import('../src/composition/tracing.ts')).startTracingIfConfigured();
await import('../src/cli.ts');
