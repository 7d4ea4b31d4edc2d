import type { Clock } from '../../../shared/clock.ts';
import { IntegrationEventTypes } from '../../../shared/envelope.ts';
import { GroupCommit } from '../../../shared/group-commit.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { MessageHandler } from '../../../shared/ports/message-bus.ts';
import type { TraceContinuation } from '../../../shared/ports/trace-continuation.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { isOrderStatus, type OrderMessage, parseOrderMessage, statusRank } from '../../ordering/index.ts';
import type { BuyerContacts } from '../../profile/index.ts';
import { type CancelledBy, cancellationReason } from '../domain/cancellation-reason.ts';
import { letterFor } from '../domain/notification-rules.ts';
import type { NotificationDispatcher } from './notification-dispatcher.ts';
import type {
  NewDelivery,
  NotificationContent,
  NotificationStores,
  NotificationView,
  StatusOnlyChange,
} from './ports.ts';

export const NOTIFICATIONS_CONSUMER = 'notifications';
export const NOTIFICATIONS_TOPICS = [
  IntegrationEventTypes.orderCreated,
  IntegrationEventTypes.orderStatusUpdated,
];

export interface NotifyBuyerOptions {
  storage: UnitOfWork<NotificationStores>;
  /**
   * The profile service's lookup (seed 003: "asks the profile service for contact data"), for
   * several buyers at once. For a change without a letter (`letter: false`) it may answer
   * undefined for a buyer no push could go to (no active device), sparing the profile read.
   */
  contactsOf: (
    userIds: readonly string[],
    needs: { letter: boolean },
  ) => Promise<ReadonlyMap<string, BuyerContacts | undefined>>;
  content: NotificationContent;
  dispatcher: NotificationDispatcher;
  clock: Clock;
  ids: IdGenerator;
  publicUrl: string;
  /** A send that failed before any receipt (the database); its rows wait for the periodic task. */
  onSendError?: (error: unknown) => void;
  /** Captures the consumer's trace into each delivery, for the attempts made later. */
  trace?: Pick<TraceContinuation, 'capture'>;
}

/**
 * Seed 003's notification service on its own consumer group: for each order change, the letter
 * (paid, cancelled) and a push per active device, as the buyer's preferences allow. The
 * deliveries are created in one transaction with the dedupe record, so a redelivered message
 * creates nothing; they are sent after the commit (not awaited), and a send that fails is retried from the
 * table (see NotificationDispatcher).
 *
 * The messages held at once go together (group commit), so under load the group keeps up at a
 * fraction of a statement per change: one contacts read for their buyers; for the changes that
 * send nothing (most: no letter for the status, no device) one statement for their status and
 * dedupe records; for the others one transaction that creates all their deliveries.
 */
export function notifyBuyerPolicy(options: NotifyBuyerOptions): MessageHandler {
  const contactsFor = (needs: { letter: boolean }) =>
    new GroupCommit<string, BuyerContacts | undefined>(async (userIds) => {
      const found = await options.contactsOf(userIds, needs);
      return userIds.map((id) => found.get(id));
    });
  const pushContacts = contactsFor({ letter: false });
  const letterContacts = contactsFor({ letter: true });
  const statusOnly = new GroupCommit<StatusOnlyChange, void>(
    async (changes) => {
      await options.storage.read.notifications.recordStatusOnly(NOTIFICATIONS_CONSUMER, changes);
      return changes.map(() => undefined);
    },
    // A change the statement refuses (a malformed message id) fails alone, not with its batch.
    { isolateFailures: true },
  );
  // A change whose delivery cannot be created (a malformed message id) fails alone too.
  const creations = new GroupCommit<Planned, string[]>(createDeliveries, { isolateFailures: true });
  /** Nothing to send for `change`: its status and dedupe records, batched with the others. */
  const recordOnly = async (change: OrderChange): Promise<void> => {
    if (isOrderStatus(change.status))
      await statusOnly.submit({
        messageId: change.event_id,
        orderId: change.order_id,
        status: change.status,
        rank: statusRank(change.status),
      });
    else await options.storage.read.processed.markProcessed(NOTIFICATIONS_CONSUMER, change.event_id);
  };
  return async ({ envelope }) => {
    const parsed = parseOrderMessage(envelope);
    if (!parsed) return;
    const change = changeOf(parsed);
    // A letter needs the buyer's profile; a push only their active devices (for a buyer with
    // none, the lookup may answer undefined without reading the profile).
    const lookup = letterFor(change.status) === undefined ? pushContacts : letterContacts;
    const contacts = await lookup.submit(change.customer_id);
    const deliveries = contacts === undefined ? [] : plan(change, contacts, options);
    // Nothing to send (no letter for this status, no device, or the buyer opted out): one
    // statement that is a no-op when repeated, so no transaction, shared with the others.
    if (deliveries.length === 0) return recordOnly(change);
    await creations.submit({ change, deliveries });
  };

  /**
   * The deliveries of the changes held at once, created in one transaction with their dedupe
   * records, then sent after the commit (not awaited: the bus messages are settled whatever the
   * providers answer). Three round trips whatever their number: the processed marks; the orders'
   * notified statuses locked and read; those that moved written and the deliveries inserted,
   * both sent with the COMMIT (which deliveries were inserted is answered after it).
   */
  async function createDeliveries(batch: readonly Planned[]): Promise<string[][]> {
    const { due, created } = await options.storage.transaction(async (tx) => {
      const fresh = await tx.processed.markProcessedMany(
        NOTIFICATIONS_CONSUMER,
        batch.map(({ change }) => change.event_id),
      );
      // A message held twice (redelivered while its first copy was in flight) counts once.
      const seen = new Set<string>();
      const firsts = batch.map(({ change }) => {
        const first = fresh.has(change.event_id) && !seen.has(change.event_id);
        seen.add(change.event_id);
        return first;
      });
      const statuses = batch.flatMap(({ change }, index) =>
        firsts[index] && isOrderStatus(change.status)
          ? [{ index, orderId: change.order_id, status: change.status, rank: statusRank(change.status) }]
          : [],
      );
      const later = new Map(
        (await tx.notifications.advanceStatuses(statuses)).map((status, i) => [statuses[i]!.index, status]),
      );
      const due = batch.map(({ deliveries }, index) =>
        firsts[index] ? stillDue(deliveries, later.get(index)) : [],
      );
      return { due, created: await tx.notifications.createManyWithNext(due.flat()) };
    });
    const inserted = await created.answer();
    const ids = due.map((deliveries) => deliveries.filter((d) => inserted.has(d.id)).map((d) => d.id));
    options.dispatcher.sendSoon(ids.flat(), options.onSendError);
    return ids;
  }
}

/** A change and the deliveries planned for it, waiting for their transaction. */
interface Planned {
  change: OrderChange;
  deliveries: NewDelivery[];
}

/**
 * What is still to be sent of a change consumed after a later status of its order (`later`; a
 * requeue, members in several processes): not its push, which would show the phone an older
 * status. Its letter still is — the payment did happen — unless the order was cancelled since:
 * no happy letter after the sad one.
 */
function stillDue(deliveries: NewDelivery[], later: string | undefined): NewDelivery[] {
  if (later === undefined) return deliveries;
  if (later === 'CANCELLED') return [];
  return deliveries.filter((delivery) => delivery.channel === 'email');
}

interface OrderChange {
  event_id: string;
  order_id: string;
  customer_id: string;
  status: string;
  previous_status: string | null;
  reason?: string;
  cancelled_by?: CancelledBy;
  refunded?: boolean;
  total?: number;
  currency?: string;
}

function changeOf(message: OrderMessage): OrderChange {
  const { event_id } = message.envelope;
  if (message.event_type === IntegrationEventTypes.orderCreated) {
    const { order_id, customer_id, total, currency } = message.envelope.data;
    return {
      event_id,
      order_id,
      customer_id,
      status: 'PENDING',
      previous_status: null,
      total,
      currency,
    };
  }
  const data = message.envelope.data;
  return {
    event_id,
    order_id: data.order_id,
    customer_id: data.customer_id,
    status: data.current_status,
    previous_status: data.previous_status,
    ...(data.reason === undefined ? {} : { reason: data.reason }),
    ...(data.cancelled_by === undefined ? {} : { cancelled_by: data.cancelled_by }),
    ...(data.refunded === undefined ? {} : { refunded: data.refunded }),
    ...(data.amount === undefined ? {} : { total: data.amount }),
  };
}

function plan(
  change: OrderChange,
  { profile, devices }: BuyerContacts,
  options: NotifyBuyerOptions,
): NewDelivery[] {
  const view: NotificationView = {
    order_id: change.order_id,
    status: change.status,
    previous_status: change.previous_status,
    display_name: profile.display_name,
    link: `${options.publicUrl}/orders/${encodeURIComponent(change.order_id)}`,
    ...(change.status === 'CANCELLED'
      ? {
          reason: cancellationReason(
            change.reason,
            change.cancelled_by as Parameters<typeof cancellationReason>[1],
          ),
        }
      : {}),
    ...(change.refunded === undefined ? {} : { refunded: change.refunded }),
    ...(change.total === undefined ? {} : { total: change.total }),
    ...(change.currency === undefined ? {} : { currency: change.currency }),
  };
  const now = options.clock.now();
  const traceContext = options.trace?.capture();
  const base = {
    event_id: change.event_id,
    order_id: change.order_id,
    customer_id: change.customer_id,
    created_at: now,
    ...(traceContext === undefined ? {} : { trace_context: traceContext }),
  };
  const deliveries: NewDelivery[] = [];
  const letter = letterFor(change.status);
  if (letter && profile.channels.email && profile.email) {
    const content = options.content.letter(letter, profile.locale, view);
    deliveries.push({
      ...base,
      id: options.ids.next(),
      channel: 'email',
      target: profile.email,
      device_id: null,
      payload: { kind: 'email', message: { to: profile.email, ...content } },
    });
  }
  if (profile.channels.push && devices.length > 0) {
    const { title, body } = options.content.push(profile.locale, view);
    const data = {
      order_id: change.order_id,
      status: change.status,
      event_id: change.event_id,
      link: view.link,
    };
    for (const device of devices) {
      deliveries.push({
        ...base,
        id: options.ids.next(),
        channel: 'push',
        target: device.id,
        device_id: device.id,
        payload: {
          kind: 'push',
          platform: device.platform,
          message: { token: device.token, title, body, data },
        },
      });
    }
  }
  return deliveries;
}
