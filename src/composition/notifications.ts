import type { Logger } from 'pino';
import {
  DevInboxEmailChannel,
  DevInboxPushChannel,
  InMemoryDevInbox,
} from '../adapters/dev-inbox/in-memory-dev-inbox.ts';
import { SmtpEmailChannel } from '../adapters/email/smtp-email-channel.ts';
import {
  UnconfiguredEmailChannel,
  UnconfiguredPushChannel,
} from '../adapters/notification-channels/unconfigured-channel.ts';
import type { Metrics } from '../adapters/observability/metrics.ts';
import { otelTraceContinuation } from '../adapters/observability/otel-trace-continuation.ts';
import { tracedEmailChannel, tracedPushChannel } from '../adapters/observability/traced-channels.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import { EtaNotificationContent } from '../adapters/templates/eta-notification-content.ts';
import type { Config } from '../config.ts';
import {
  type NotificationChannels,
  NotificationDispatcher,
  type NotificationObserver,
  notifyBuyerPolicy,
  OrderNotifications,
} from '../contexts/notifications/index.ts';
import { readOrderState } from '../contexts/ordering/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { MessageHandler } from '../shared/ports/message-bus.ts';
import type { EmailChannel, PushChannel, PushPlatform } from '../shared/ports/notification-channel.ts';
import { PeriodicTask } from './periodic-task.ts';
import type { Services } from './services.ts';

/** Real push channels by platform, for the platforms whose provider is configured (FCM, APNs). */
export type RealPushChannels = Partial<Record<PushPlatform, PushChannel>>;

export interface NotificationChannelOptions {
  /** Overrides SMTP_URL (tests inject recording fakes). */
  email?: EmailChannel;
  push?: RealPushChannels;
}

export interface Notifications {
  handler: MessageHandler;
  dispatcher: NotificationDispatcher;
  receipts: OrderNotifications;
  /** Set only in embedded mode when some channel has no real provider. */
  devInbox: InMemoryDevInbox | undefined;
  close(): Promise<void>;
}

/**
 * The push channel per platform: the real one when its provider is configured; otherwise, in
 * embedded mode, the dev inbox, and in production a channel that fails every attempt visibly.
 * The one place that decides; FCM/APNs configuration feeds `real`.
 */
export function selectPushChannels(
  real: RealPushChannels,
  embedded: boolean,
  devInbox: () => InMemoryDevInbox,
): Record<PushPlatform, PushChannel> {
  const pick = (platform: PushPlatform): PushChannel =>
    real[platform] ??
    (embedded ? new DevInboxPushChannel(platform, devInbox()) : new UnconfiguredPushChannel(platform));
  return { android: pick('android'), ios: pick('ios') };
}

/** E-mail likewise: SMTP when SMTP_URL is set, else the dev inbox (embedded) or none (production). */
export function selectEmailChannel(
  config: Config,
  injected: EmailChannel | undefined,
  devInbox: () => InMemoryDevInbox,
): EmailChannel {
  if (injected) return injected;
  const { smtpUrl, mailFrom, providerTimeoutMs } = config.notifications;
  if (smtpUrl) return new SmtpEmailChannel({ url: smtpUrl, from: mailFrom, timeoutMs: providerTimeoutMs });
  return config.databaseUrl === undefined
    ? new DevInboxEmailChannel(devInbox())
    : new UnconfiguredEmailChannel();
}

const PLATFORMS: readonly PushPlatform[] = ['android', 'ios'];

/** The notifications context wired: channels, templates, dispatcher, consumer and receipts. */
export function createNotifications(deps: {
  config: Config;
  storage: PostgresStorage;
  services: Pick<Services, 'profiles'>;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  ids: IdGenerator;
  channels?: NotificationChannelOptions;
}): Notifications {
  const { config, storage, clock, ids } = deps;
  const log = deps.log.child({ component: 'notifications' });
  const embedded = config.databaseUrl === undefined;
  let devInbox: InMemoryDevInbox | undefined;
  const inbox = () => (devInbox ??= new InMemoryDevInbox());
  // The composition root passes FCM and APNs (createPushChannels from FCM_* / APNS_*) or test fakes.
  const push = selectPushChannels(deps.channels?.push ?? {}, embedded, inbox);
  // Each send is a span of the order's trace (a child of the notifications consumer's span).
  const channels: NotificationChannels = {
    email: tracedEmailChannel(selectEmailChannel(config, deps.channels?.email, inbox)),
    push: { android: tracedPushChannel(push.android), ios: tracedPushChannel(push.ios) },
  };
  if (devInbox) log.info('notifications without a provider are captured in the dev inbox (GET /dev/inbox)');
  if (!embedded && !config.notifications.smtpUrl && !deps.channels?.email) {
    log.warn('SMTP_URL is not set: letters are recorded as failed (NOT_CONFIGURED)');
  }
  const dispatcher = new NotificationDispatcher({
    storage,
    channels,
    retry: config.notifications.retry,
    leaseMs: config.notifications.retry.leaseMs,
    clock,
    ids,
    random: Math.random,
    observer: observe(deps.metrics, log),
    // A retry pass has no trace of its own: each attempt continues the one its delivery was made in.
    trace: otelTraceContinuation,
  });
  const handler = notifyBuyerPolicy({
    storage,
    contactsOf: (userIds, needs) => deps.services.profiles.contactsOfMany(userIds, needs),
    content: new EtaNotificationContent(),
    dispatcher,
    clock,
    ids,
    publicUrl: config.publicUrl,
    trace: otelTraceContinuation,
    onSendError: (err) => log.error({ err }, 'sending new notifications failed; the retry task will'),
  });
  const receipts = new OrderNotifications(storage.read.notifications, async (orderId) => {
    const state = await readOrderState(storage.read.events, orderId);
    return state.exists ? state.customer_id : undefined;
  });
  return {
    handler,
    dispatcher,
    receipts,
    devInbox,
    async close() {
      await dispatcher.settled();
      await Promise.all([channels.email.close?.(), ...PLATFORMS.map((p) => channels.push[p].close?.())]);
    },
  };
}

/** Seed 000's "logging" and "metrics" arrows: every attempt counted, failures logged. */
function observe(metrics: Metrics, log: Logger): NotificationObserver {
  return {
    attempted({ delivery, receipt, deliveredAfterMs, gaveUp }) {
      const channel = delivery.payload.kind === 'push' ? `push_${delivery.payload.platform}` : 'email';
      const outcome = gaveUp ? 'failed' : receipt.outcome;
      metrics.notificationsSent.inc({ channel, outcome });
      if (deliveredAfterMs !== undefined)
        metrics.notificationDeliveryLatency.observe({ channel }, deliveredAfterMs / 1000);
      const context = {
        channel,
        order_id: receipt.order_id,
        delivery_id: receipt.delivery_id,
        attempt: receipt.attempt,
        error_code: receipt.error_code,
        provider_status: receipt.provider_status,
        message: receipt.message,
      };
      if (outcome === 'failed')
        log.error(
          context,
          gaveUp ? 'notification failed: retries exhausted' : 'notification failed permanently',
        );
      else if (outcome === 'device_invalid') log.warn(context, 'push token rejected: device disabled');
      else if (outcome === 'retry') log.warn(context, 'notification attempt failed; retrying later');
      else if (outcome === 'delivered') log.info(context, 'notification sent');
    },
  };
}

/**
 * Sends due retries, and deliveries a crashed sender left behind, from the table: the
 * consumer's process (the `projections` role) runs it. Returns its stopper.
 */
export function startNotificationRetries(
  config: Config,
  log: Logger,
  notifications: Pick<Notifications, 'dispatcher'>,
): () => Promise<void> {
  const retryLog = log.child({ component: 'notification-retries' });
  const task = new PeriodicTask(
    config.notifications.retry.pollIntervalMs,
    async () => {
      // A full batch may leave more due: a few batches per tick, the rest at the next tick.
      for (let batch = 0; batch < 20; batch++) {
        if ((await notifications.dispatcher.sendDue()) === 0) break;
      }
    },
    (err) => retryLog.error({ err }, 'sending due notifications failed'),
  ).start();
  return () => task.stop();
}
