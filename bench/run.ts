import type { BenchContext } from './context.ts';
import { runEmbedded } from './embedded.ts';
import { runLive } from './live.ts';
import { runNotifications } from './notifications.ts';
import { runOrders } from './orders.ts';
import { runPaid } from './paid.ts';
import { serverSource } from './source.ts';
import { runWebhooks } from './webhooks.ts';

// `npm run bench [-- <name>…] [--short]`: numbers, not a test. docs/benchmarks.md explains each.
const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<void>> = {
  orders: runOrders,
  paid: runPaid,
  webhooks: runWebhooks,
  live: runLive,
  notifications: runNotifications,
  embedded: runEmbedded,
};

const args = process.argv.slice(2);
const short = args.includes('--short') || process.env.BENCH_SHORT === '1';
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names) {
  if (!BENCHMARKS[name]) {
    process.stderr.write(`unknown benchmark ${name}; one of: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exit(2);
  }
}
const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse())
      await step().catch((error: unknown) => console.error('cleanup:', error));
    cleanups.length = 0;
    cleaning = undefined;
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const source = await serverSource();
let failed = 0;
try {
  for (const name of selected) {
    const started = Date.now();
    log(`=== ${name}${short ? ' (short)' : ''}`);
    try {
      await BENCHMARKS[name]!({ short, source, onCleanup: (step) => cleanups.push(step), log });
    } catch (error) {
      failed++;
      console.error(`benchmark ${name} failed:`, error);
    } finally {
      await cleanup();
    }
    log(`=== ${name} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
} finally {
  await cleanup();
  await source.dispose();
}
process.exit(failed ? 1 : 0);
