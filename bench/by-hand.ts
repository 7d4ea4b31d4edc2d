import type { BenchContext } from './context.ts';
import { runPhase } from './load.ts';
import { benchBuyers, getToken, putProducts, waitOutboxDrained } from './server.ts';
import { serverSource } from './source.ts';

/**
 * Runs one of the scripts run by hand (`npx tsx bench/<script>.ts`, not part of `npm run bench`)
 * with a bench context whose clean-ups (servers, database, broker namespace) run at the end.
 */
export async function byHand(script: (ctx: BenchContext) => Promise<void>): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  const ctx: BenchContext = {
    short: true,
    source: await serverSource(),
    onCleanup: (step) => cleanups.push(step),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  try {
    await script(ctx);
  } finally {
    for (const step of cleanups.reverse()) await step().catch(() => {});
  }
}

export const SPREAD_PRODUCTS = Array.from({ length: 100 }, (_, i) => `bench-${i + 1}`);

/**
 * Products `bench-0` (hot) and `SPREAD_PRODUCTS`, the bench's buyers, and a short warm-up of
 * spread orders, drained: a production server ready for a phase. Returns the buyers' tokens.
 */
export async function stockAndWarmUp(baseUrl: string, databaseUrl: string): Promise<string[]> {
  await putProducts(baseUrl, await getToken(baseUrl, 'admin'), ['bench-0', ...SPREAD_PRODUCTS]);
  const buyers = await benchBuyers(baseUrl, databaseUrl, 50);
  await runPhase(
    baseUrl,
    buyers,
    {
      mode: 'production',
      variant: 'spread',
      products: SPREAD_PRODUCTS,
      rate: 100,
      connections: 16,
      seconds: 2,
    },
    { groups: {} },
  );
  await waitOutboxDrained(baseUrl);
  return buyers;
}
