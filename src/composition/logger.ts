import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import { traceLogFields } from '../adapters/observability/trace-log-fields.ts';
import type { Config } from '../config.ts';

/**
 * The process's logger: JSON lines (what a log shipper reads), or pino-pretty's readable lines
 * when stdout is a terminal and pino-pretty is installed (a development dependency: `npm start`
 * in a clone). Every line logged inside a span carries its `trace_id`.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'serviceName'>): Logger {
  const options = { level: config.logLevel, base: { service: config.serviceName }, mixin: traceLogFields };
  if (!process.stdout.isTTY || !installed('pino-pretty')) return pino(options);
  return pino({
    ...options,
    transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
  });
}

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
