import type { BenchContext } from './context.ts';
import { topUp } from './orders.ts';
import { getToken, putProducts, startServer } from './server.ts';
import { serverSource } from './source.ts';
import { traceStatements } from './trace-statements.ts';
import { carrierScenario } from './webhook-setup.ts';

// `npx tsx bench/trace.ts paid|unpaid|webhook`: the statements one paid order (or unpaid order, or webhook) sends, as PostgreSQL logged them
// (how bench/paid-script.ts was derived; see docs/benchmarks.md). With `--limits` the rate
// limits are on at their defaults (the bench turns them off), counted in PostgreSQL as in
// production, so their statements show.
const what = process.argv[2] ?? 'paid';
const limits = process.argv.includes('--limits')
  ? { RATE_LIMIT_PER_IP: '6000', RATE_LIMIT_PER_USER: '1200', CARRIER_WEBHOOK_RATE_LIMIT: '600' }
  : { CARRIER_WEBHOOK_RATE_LIMIT: '0' };
const cleanups: (() => Promise<void>)[] = [];
const source = await serverSource();
const ctx: BenchContext = {
  short: true,
  source,
  onCleanup: (step) => cleanups.push(step),
  log: (line) => process.stderr.write(`${line}\n`),
};
try {
  const lines = await traceStatements(ctx, async (env) => {
    if (what === 'webhook') {
      const server = await startServer(source.dir, { ...env, ...limits });
      const scenario = await carrierScenario(server.baseUrl);
      const [warm, orderId] = await scenario.handedOver(2, ctx.log);
      await scenario.send(warm!, 'SHIPPED');
      return { action: () => scenario.send(orderId!, 'SHIPPED'), stop: server.stop };
    }
    const server = await startServer(source.dir, { ...env, AUTO_CONFIRM: 'false', ...limits });
    const admin = await getToken(server.baseUrl, 'admin');
    await putProducts(server.baseUrl, admin, ['bench-1']);
    const alice = await getToken(server.baseUrl, 'alice');
    await topUp(server.baseUrl, alice, 1_000_000);
    const order = async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
        body: JSON.stringify({
          items: [{ product_id: 'bench-1', quantity: 1 }],
          ...(what === 'unpaid' ? {} : { payment: { method: 'wallet' } }),
        }),
      });
      if (response.status !== 201) throw new Error(`${what}: ${response.status} ${await response.text()}`);
    };
    await order();
    return { action: order, stop: server.stop };
  });
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  for (const step of cleanups.reverse()) await step().catch(() => {});
}
