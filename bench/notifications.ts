import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SmtpEmailChannel } from '../src/adapters/email/smtp-email-channel.ts';
import { createPushChannels } from '../src/composition/push-channels.ts';
import { loadConfig } from '../src/config.ts';
import { startFakeApns } from '../test/support/fake-apns.ts';
import { startFakeFcm } from '../test/support/fake-fcm.ts';
import { startSmtpTestServer } from '../test/support/smtp-test-server.ts';
import { type BenchContext, loadLabel, productionInfra, writeSection } from './context.ts';
import { describeMachine } from './machine.ts';
import { topUp } from './orders.ts';
import { getToken, putProducts, sleep, startServer } from './server.ts';
import { table } from './tables.ts';
import { caller } from './webhook-setup.ts';

interface Counts {
  fcm: number;
  apns: number;
  smtp: number;
}
const total = (c: Counts) => c.fcm + c.apns + c.smtp;

/**
 * `npm run bench -- notifications`: notifications delivered per second by orderflow to local
 * FCM and APNs fakes (test/support) and an smtp-server sink, against the same fakes driven
 * directly by the same client code (orderflow's FCM/APNs senders, i.e. google-auth-library and
 * @parse/node-apn, and nodemailer) with nothing of orderflow around them.
 */
export async function runNotifications(ctx: BenchContext): Promise<void> {
  const started = new Date();
  const machine = await describeMachine();
  const infra = await productionInfra(ctx);
  const [fcm, apns, smtp] = await Promise.all([startFakeFcm(), startFakeApns(), startSmtpTestServer()]);
  const dir = await mkdtemp(join(tmpdir(), 'orderflow-bench-push-'));
  ctx.onCleanup(async () => {
    await Promise.all([fcm.close(), apns.close(), smtp.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  await writeFile(join(dir, 'AuthKey.p8'), apns.signing.key);
  await writeFile(join(dir, 'apns-ca.pem'), apns.ca);
  const pushEnv = {
    FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(fcm.serviceAccountKey),
    FCM_BASE_URL: fcm.url,
    APNS_KEY_FILE: join(dir, 'AuthKey.p8'),
    APNS_KEY_ID: apns.signing.keyId,
    APNS_TEAM_ID: apns.signing.teamId,
    APNS_TOPIC: apns.topic,
    APNS_PRODUCTION: 'false',
    APNS_HOST: apns.host,
    APNS_PORT: String(apns.port),
    APNS_CA_FILE: join(dir, 'apns-ca.pem'),
  };
  const counts = (): Counts => ({
    fcm: fcm.sends.length,
    apns: apns.requests.length,
    smtp: smtp.received.length,
  });
  const orders = ctx.short ? 60 : 400;

  // orderflow: alice with an Android and an iPhone, paid orders back to back (16 at a time).
  const server = await startServer(ctx.source.dir, {
    ...infra.env(10),
    ...pushEnv,
    SMTP_URL: smtp.url,
    AUTO_CONFIRM: 'false',
  });
  ctx.onCleanup(server.stop);
  let orderflow: {
    counts: Counts;
    seconds: number;
    ordersSeconds: number;
    links: { fcm: number; apns: number };
  };
  try {
    await putProducts(server.baseUrl, await getToken(server.baseUrl, 'admin'), ['bench-1']);
    const token = await getToken(server.baseUrl, 'alice');
    await topUp(server.baseUrl, token, 100_000_000);
    const alice = caller(server.baseUrl, token);
    for (const [platform, device] of [
      ['android', `fcm-${randomUUID()}`],
      ['ios', randomBytes(32).toString('hex')],
    ] as const) {
      const registered = await alice('POST', '/api/v1/me/devices', { platform, token: device });
      if (registered.status !== 201) throw new Error(`device: ${registered.status}`);
    }
    await sleep(1000);
    const linksBefore = { fcm: fcm.connections, apns: apns.sessionsOpened };
    const base = counts();
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next++ < orders) {
          const placed = await alice('POST', '/api/v1/orders', {
            items: [{ product_id: 'bench-1', quantity: 1 }],
            payment: { method: 'wallet' },
          });
          if (placed.status !== 201) throw new Error(`order: ${placed.status}`);
        }
      }),
    );
    const ordersSeconds = (performance.now() - start) / 1000;
    const last = await quiet(counts);
    const now = counts();
    orderflow = {
      counts: { fcm: now.fcm - base.fcm, apns: now.apns - base.apns, smtp: now.smtp - base.smtp },
      seconds: (last - start) / 1000,
      ordersSeconds,
      links: { fcm: fcm.connections - linksBefore.fcm, apns: apns.sessionsOpened - linksBefore.apns },
    };
    ctx.log(`  orderflow: ${JSON.stringify(orderflow.counts)} in ${orderflow.seconds.toFixed(1)} s`);
  } finally {
    await server.stop();
  }

  // The fakes' own maximum: the same number of each, sent straight from here, 16 at a time per channel.
  const push = createPushChannels(loadConfig({ ...pushEnv }).push, pino({ level: 'silent' }));
  const email = new SmtpEmailChannel({ url: smtp.url, from: 'bench@orderflow.test' });
  const base = counts();
  const start = performance.now();
  const message = (token: string) => ({
    token,
    title: 'Order paid',
    body: 'Your order is paid.',
    data: { order_id: randomUUID(), status: 'PAID', event_id: randomUUID(), link: '/orders' },
  });
  const android = `fcm-${randomUUID()}`;
  const iphone = randomBytes(32).toString('hex');
  const drive = async (count: number, send: () => Promise<unknown>) => {
    let sent = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (sent++ < count) await send();
      }),
    );
  };
  await Promise.all([
    drive(orderflow.counts.fcm, () => push.android!.send(message(android))),
    drive(orderflow.counts.apns, () => push.ios!.send(message(iphone))),
    drive(orderflow.counts.smtp, () =>
      email.send({ to: 'alice@example.com', subject: 'Order paid', html: '<p>Paid.</p>', text: 'Paid.' }),
    ),
  ]);
  const last = await quiet(counts);
  await push.close();
  await email.close?.();
  const now = counts();
  const direct = {
    counts: { fcm: now.fcm - base.fcm, apns: now.apns - base.apns, smtp: now.smtp - base.smtp },
    seconds: (last - start) / 1000,
  };
  ctx.log(`  direct: ${JSON.stringify(direct.counts)} in ${direct.seconds.toFixed(1)} s`);

  const perSecond = (r: { counts: Counts; seconds: number }) => total(r.counts) / r.seconds;
  const ratio = perSecond(orderflow) / perSecond(direct);
  const results = table(
    ['sender', 'FCM sends', 'APNs requests', 'e-mails', 'seconds', 'notifications/s'],
    [
      [
        'orderflow (paid orders → notifications)',
        orderflow,
        `${orders} orders placed in ${orderflow.ordersSeconds.toFixed(1)} s`,
      ],
      ['directly (same client code, no orderflow)', direct, ''],
    ].map(([name, r]) => {
      const run = r as typeof direct;
      return [
        String(name),
        String(run.counts.fcm),
        String(run.counts.apns),
        String(run.counts.smtp),
        run.seconds.toFixed(1),
        perSecond(run).toFixed(0),
      ];
    }),
  );
  const line = `orderflow's notifications/s ÷ the fakes' own maximum: **${perSecond(orderflow).toFixed(0)} / ${perSecond(direct).toFixed(0)} = ${ratio.toFixed(2)}**`;
  const links = `orderflow's ${orders} paid orders took ${orderflow.ordersSeconds.toFixed(1)} s to place (the notifications cannot go faster than the orders that cause them); during its run the FCM fake accepted ${orderflow.links.fcm} TCP connection(s) (sends and token requests) and the APNs fake ${orderflow.links.apns} HTTP/2 session(s): one each means the clients keep them alive.`;
  process.stdout.write(`\n## Notifications\n${results}\n\n${links}\n\n${line}\n`);
  const took = (Date.now() - started.getTime()) / 1000;
  await writeSection(
    ctx.short ? 'notifications-short' : 'notifications',
    `# Benchmarks: notifications${ctx.short ? ' (short mode)' : ''}

Generated by \`npm run bench -- notifications\`. Run ${started.toISOString()}, ${took.toFixed(0)} s,
**${loadLabel(ctx.short, machine.loadAverage, machine.cores)}**. Server code: ${ctx.source.description}.

Method: the local fakes of the tests (\`test/support/fake-fcm.ts\`, \`fake-apns.ts\` over HTTP/2 and
TLS, \`smtp-test-server.ts\` with smtp-server) run in the bench process. A production server
(pool 10, \`AUTO_CONFIRM=false\`, \`FCM_*\`/\`APNS_*\`/\`SMTP_URL\` pointing at them) gets alice's
Android and iOS devices through the API; then alice places ${orders} paid orders, 16 at a time, and
the bench counts what reaches the fakes (pushes per device and e-mails per status change, as
alice's profile asks) until nothing arrived for 2 s. *seconds*: from the first order to the
last notification. The ceiling sends the same number of each straight from the bench process
through orderflow's own FCM and APNs senders (google-auth-library and fetch, @parse/node-apn)
and its SMTP channel (nodemailer), 16 at a time per channel: the fakes and the client libraries
with nothing of orderflow around them (and the fakes sharing the bench's process and cores).

${results}

${links}

${line}
`,
  );
}

/** Polls `counts` until its total stayed the same for 2 s (≤ 120 s); returns when it last changed. */
async function quiet(counts: () => Counts): Promise<number> {
  let last = total(counts());
  let changedAt = performance.now();
  const deadline = changedAt + 120_000;
  while (performance.now() - changedAt < 2000 && performance.now() < deadline) {
    await sleep(50);
    const now = total(counts());
    if (now !== last) {
      last = now;
      changedAt = performance.now();
    }
  }
  return changedAt;
}
