import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BROKER_URL, createBenchDatabase, deleteBrokerNamespace } from './infra.ts';
import type { ServerSource } from './source.ts';

/** What every benchmark gets from `bench/run.ts`: the mode, the code to start, and cleanup. */
export interface BenchContext {
  /** `--short` / BENCH_SHORT=1: fewer and shorter phases, whole run ≤ 2 minutes. */
  short: boolean;
  source: ServerSource;
  /** Registers a step run at exit (reverse order), also on SIGINT/SIGTERM. */
  onCleanup(step: () => Promise<void>): void;
  log(line: string): void;
}

/** A throwaway database and RabbitMQ namespace, cleaned up with the run; env for a production server. */
export async function productionInfra(
  ctx: BenchContext,
): Promise<{ databaseUrl: string; namespace: string; env: (pool?: number) => Record<string, string> }> {
  const id = randomUUID().replaceAll('-', '').slice(0, 10);
  const namespace = `bench-${id}`;
  const database = await createBenchDatabase(id);
  ctx.onCleanup(database.drop);
  ctx.onCleanup(() => deleteBrokerNamespace(namespace));
  return {
    databaseUrl: database.url,
    namespace,
    env: (pool = 10) => ({
      DATABASE_URL: database.url,
      BROKER_URL,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DATABASE_POOL_SIZE: String(pool),
    }),
  };
}

const DOC = resolve(import.meta.dirname, '../docs/benchmarks.md');

/**
 * Replaces the section of docs/benchmarks.md between `<!-- bench:<name> -->` and
 * `<!-- /bench:<name> -->` (appended if missing), so each benchmark rewrites only its own part.
 * Short-mode runs write `<name>-short`, leaving the full run's numbers in place.
 */
export async function writeSection(name: string, markdown: string): Promise<void> {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const doc = await readFile(DOC, 'utf8').catch(() => '');
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${doc.slice(0, from)}${block}${doc.slice(to + end.length)}`
      : `${doc.trimEnd()}\n\n${block}\n`;
  await writeFile(DOC, next);
  process.stderr.write(`wrote section ${name} of ${DOC}\n`);
}

/** A label for sections measured while other work loaded the machine (BENCH_LOADED=1 or load > cores). */
export function loadLabel(short: boolean, loadAverage: number, cores: number): string {
  const loaded = process.env.BENCH_LOADED === '1' || loadAverage > cores;
  const parts = [short ? 'short mode' : 'full mode'];
  if (loaded) parts.push(`loaded machine (load average ${loadAverage.toFixed(1)} on ${cores} cores)`);
  return parts.join(', ');
}

/** Resident set size of a process in bytes (`/proc/<pid>/status` VmRSS), NaN if gone. */
export async function rssBytes(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(text)?.[1];
  return kb ? Number(kb) * 1024 : Number.NaN;
}
