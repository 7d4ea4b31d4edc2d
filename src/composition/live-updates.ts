import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { bearerTokenFrom } from '../adapters/http/auth/authenticate.ts';
import type { TokenVerifier } from '../adapters/http/auth/token-verifier.ts';
import { liveUpdatesRoutes, type RealtimeAuth } from '../adapters/realtime/live-updates.routes.ts';
import { LiveUpdatesHub } from '../adapters/realtime/live-updates-hub.ts';
import type { Config } from '../config.ts';
import { LIVE_UPDATES_CHANNEL } from '../contexts/live-updates/index.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import type { Broadcaster } from '../shared/ports/message-bus.ts';
import { PeriodicTask } from './periodic-task.ts';
import type { Services } from './services.ts';

type Closers = (() => Promise<void>)[];

/**
 * The API role's hub: sockets of this process, nudged through the broker's broadcast by the
 * feed consumer wherever it runs, plus a periodic catch-up read.
 */
export async function startLiveUpdatesHub(
  config: Config,
  log: Logger,
  bus: Pick<Broadcaster, 'subscribeBroadcast'>,
  services: Pick<Services, 'liveFeed'>,
  clock: Clock,
  closers: Closers,
  registry?: Registry,
): Promise<LiveUpdatesHub> {
  const { liveUpdates } = config;
  const sent = new Counter({
    name: 'orderflow_live_updates_sent_total',
    help: 'Live updates sent on WebSockets by this hub',
    registers: registry ? [registry] : [],
  });
  const dropped = new Counter({
    name: 'orderflow_live_sockets_dropped_total',
    help: 'Live-update sockets the hub closed, by reason (expired, too_slow, no_pong, shutdown)',
    labelNames: ['reason'],
    registers: registry ? [registry] : [],
  });
  const hub: LiveUpdatesHub = new LiveUpdatesHub({
    events: { sent: () => sent.inc(), dropped: (reason) => dropped.inc({ reason }) },
    feed: services.liveFeed,
    clock,
    heartbeatIntervalMs: liveUpdates.heartbeatMs,
    catchUpIntervalMs: liveUpdates.catchUpIntervalMs,
    maxBufferedBytes: liveUpdates.maxBufferedBytes,
    batchSize: 100,
    closeGraceMs: 5000,
    logger: log.child({ component: 'live-updates-hub' }),
  }).start();
  new Gauge({
    name: 'orderflow_live_sockets',
    help: 'Open live-update WebSockets on this hub',
    registers: registry ? [registry] : [],
    collect() {
      this.set(hub.size);
    },
  });
  closers.push(() => hub.close());
  const nudges = await bus.subscribeBroadcast(LIVE_UPDATES_CHANNEL, (payload) =>
    hub.nudge(
      Array.isArray(payload.user_ids) ? payload.user_ids : [],
      isRecord(payload.positions) ? payload.positions : {},
    ),
  );
  closers.push(() => nudges.close());
  return hub;
}

/** The routes of the hub, authenticated by the API's own token verifier. */
export function liveUpdatesPlugin(
  hub: LiveUpdatesHub,
  verifier: TokenVerifier,
  services: Pick<Services, 'updateTickets'>,
): (app: FastifyInstance) => Promise<void> {
  const auth: RealtimeAuth = {
    bearerTokenFrom,
    async verifyToken(token) {
      const { userId } = await verifier.verify(token);
      // The verifier requires `exp`; read it from the token it has just verified.
      const { exp } = decodeJwt(token);
      if (typeof exp !== 'number') throw new DomainError('UNAUTHENTICATED', 'token has no exp');
      return { userId, expiresAt: new Date(exp * 1000) };
    },
  };
  return async (app) => {
    await app.register(liveUpdatesRoutes, { hub, auth, tickets: services.updateTickets });
  };
}

/** The projections role sweeps feed entries past retention, and old tickets. */
export function startLiveFeedSweep(
  config: Config,
  log: Logger,
  services: Pick<Services, 'liveFeed'>,
  closers: Closers,
) {
  const sweepLog = log.child({ component: 'live-feed-sweep' });
  const sweep = new PeriodicTask(
    config.liveUpdates.sweepIntervalMs,
    async () => {
      const swept = await services.liveFeed.sweep();
      if (swept.entries + swept.tickets > 0) sweepLog.info(swept, 'swept live feed entries past retention');
    },
    (err) => sweepLog.error({ err }, 'live feed sweep failed'),
  ).start();
  closers.push(() => sweep.stop());
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
