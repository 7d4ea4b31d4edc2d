// `npx tsx bench/consumer-times.ts`: each consumer group's mean handling time of a carrier
// webhook's status update (60 webhooks at 20/s on a production-mode server, from the server's
// `orderflow_consumer_handle_seconds`). How the live-update nudge's 40 ms (Nagle's algorithm on
// the AMQP socket) was found; BENCH_SERVER_REF=<commit> measures another commit.
import { byHand } from './by-hand.ts';
import { productionInfra } from './context.ts';
import { sleep, startServer } from './server.ts';
import { carrierScenario } from './webhook-setup.ts';

await byHand(async (ctx) => {
  const infra = await productionInfra(ctx);
  const server = await startServer(ctx.source.dir, { ...infra.env(), CARRIER_WEBHOOK_RATE_LIMIT: '0' });
  ctx.onCleanup(server.stop);
  const scenario = await carrierScenario(server.baseUrl);
  const orders = await scenario.handedOver(60, ctx.log);
  await sleep(3000);
  const metrics = async () => {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const m = new Map<string, number>();
    for (const line of text.split('\n')) {
      const f = /^orderflow_consumer_handle_seconds_(sum|count)\{.*group="([^"]+)".*\} ([\d.e+-]+)$/.exec(
        line,
      );
      if (f) m.set(`${f[2]} ${f[1]}`, Number(f[3]));
    }
    return m;
  };
  const before = await metrics();
  for (const orderId of orders) {
    await scenario.send(orderId, 'SHIPPED');
    await sleep(50); // 20/s: nothing queues
  }
  await sleep(2000);
  const after = await metrics();
  for (const group of ['order-info', 'fulfilment', 'notifications', 'live-updates', 'auto-confirm']) {
    const n = (after.get(`${group} count`) ?? 0) - (before.get(`${group} count`) ?? 0);
    const s = (after.get(`${group} sum`) ?? 0) - (before.get(`${group} sum`) ?? 0);
    console.log(`${group}: ${n} messages, mean handle ${n ? ((s / n) * 1000).toFixed(1) : '-'} ms`);
  }
});
