import { open, stat } from 'node:fs/promises';
import { type BenchContext, productionInfra } from './context.ts';
import { withClient } from './infra.ts';

/** PostgreSQL's server log on this machine (Debian's pg_ctlcluster captures stderr there). */
const POSTGRES_LOG = process.env.BENCH_POSTGRES_LOG ?? '/var/log/postgresql/postgresql-15-main.log';

/**
 * How the pgbench scripts of the paid and webhook benchmarks were derived: a throwaway database
 * with `log_statement = 'all'`, then `action` (one paid order, one webhook) against a server on
 * it; returns the statements PostgreSQL logged for that database meanwhile, in order, by backend.
 * Run by hand: `npx tsx bench/trace-statements.ts paid|webhook`.
 */
export async function traceStatements(
  ctx: BenchContext,
  prepare: (env: Record<string, string>) => Promise<{ action(): Promise<void>; stop(): Promise<void> }>,
): Promise<string[]> {
  const infra = await productionInfra(ctx);
  const name = new URL(infra.databaseUrl).pathname.slice(1);
  await withClient(infra.databaseUrl, (c) => c.query(`alter database ${name} set log_statement = 'all'`));
  const { action, stop } = await prepare(infra.env());
  try {
    await new Promise((done) => setTimeout(done, 1500));
    const from = (await stat(POSTGRES_LOG)).size;
    await action();
    await new Promise((done) => setTimeout(done, 1500));
    const to = (await stat(POSTGRES_LOG)).size;
    const file = await open(POSTGRES_LOG, 'r');
    const buffer = Buffer.alloc(to - from);
    await file.read(buffer, 0, buffer.length, from);
    await file.close();
    return buffer
      .toString('utf8')
      .split(/\n(?=\d{4}-\d\d-\d\d )/)
      .filter((line) => line.includes(`@${name} `) && /LOG: {2}(statement|execute)/.test(line));
  } finally {
    await stop();
  }
}
