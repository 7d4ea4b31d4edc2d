import type {
  DeliveryOutcome,
  EmailMessage,
  PushMessage,
  PushPlatform,
} from '../../../shared/ports/notification-channel.ts';
import type { ProcessedMessages } from '../../../shared/ports/processed-messages.ts';
import type { Later } from '../../../shared/ports/unit-of-work.ts';
import type { DeviceStore, Locale } from '../../profile/index.ts';
import type { CancellationReason } from '../domain/cancellation-reason.ts';
import type { LetterKind } from '../domain/notification-rules.ts';

export type NotificationChannelName = 'email' | 'push';

/** Where a delivery stands: `pending` until an attempt settles it. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'device_invalid' | 'skipped';

/** What is sent, rendered once when the delivery is created so every retry sends the same. */
export type DeliveryPayload =
  | { kind: 'email'; message: EmailMessage }
  | { kind: 'push'; platform: PushPlatform; message: PushMessage };

/**
 * One message to one address or device for one bus event: unique by (event_id, channel,
 * target), which is what makes a redelivered bus message send nothing twice.
 */
export interface NewDelivery {
  id: string;
  event_id: string;
  order_id: string;
  customer_id: string;
  channel: NotificationChannelName;
  /** The e-mail address, or the device id for a push. */
  target: string;
  device_id: string | null;
  payload: DeliveryPayload;
  created_at: Date;
  /**
   * The trace of the work that made the delivery (opaque, see TraceContinuation), so every
   * attempt — a retry pass in another process too — continues the order's trace.
   */
  trace_context?: string;
}

export interface ClaimedDelivery extends NewDelivery {
  /** Attempts recorded so far. */
  attempts: number;
  /**
   * Until when this claim holds the delivery: also the fencing token `record` checks (a later
   * claim, made after this one expired, always holds a later instant).
   */
  lease_until: Date;
}

/** The record of one attempt (seed 000 step 7's delivered/failed receipt). */
export interface Receipt {
  id: string;
  delivery_id: string;
  order_id: string;
  channel: NotificationChannelName;
  target: string;
  device_id: string | null;
  attempt: number;
  /** The channel's outcome, or `skipped` when the device was disabled before the attempt. */
  outcome: DeliveryOutcome['outcome'] | 'skipped';
  provider_status: number | null;
  error_code: string | null;
  message_id: string | null;
  message: string | null;
  attempted_at: string;
}

/** What an attempt leaves behind on the delivery. */
export interface DeliveryUpdate {
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
}

/** Deliveries, their pending retries (persisted: a restart forgets none) and receipts. */
export interface NotificationStore {
  /** False when the delivery exists already (same event, channel and target). */
  create(delivery: NewDelivery): Promise<boolean>;
  /** `create` for several deliveries in one statement: the ids of those created. */
  createMany(deliveries: readonly NewDelivery[]): Promise<Set<string>>;
  /**
   * `createMany` sent with the unit of work's next statement or its COMMIT (`Later`): the ids
   * of those created, answered after it.
   */
  createManyWithNext(deliveries: readonly NewDelivery[]): Promise<Later<Set<string>>>;
  /**
   * Claims pending deliveries that are due at `now` (all of `ids`, or the oldest due ones up to
   * `limit`), pushing their next attempt to `leaseUntil`: another worker leaves them alone while
   * this one sends, and takes them over if this one dies before recording.
   */
  claim(
    select: { ids: readonly string[] } | { limit: number },
    now: Date,
    leaseUntil: Date,
  ): Promise<ClaimedDelivery[]>;
  /**
   * Records the attempt made under the claim `leaseUntil`: the update and the receipt, in the
   * caller's transaction, only while that claim still holds the delivery (pending, that lease,
   * that attempt). False when it does not — the lease expired and another worker took the
   * delivery over, or the attempt was recorded already — and nothing is written.
   */
  record(receipt: Receipt, update: DeliveryUpdate, leaseUntil: Date): Promise<boolean>;
  /**
   * `record` for several attempts at once, atomically (one statement), each fenced by its own
   * claim: whether each was recorded, in the order given.
   */
  recordMany(attempts: readonly AttemptRecord[]): Promise<boolean[]>;
  /** Every receipt of the order, oldest first. */
  receiptsFor(orderId: string): Promise<Receipt[]>;
  /**
   * Records `status` (of forward-only `rank`) as the furthest status of the order notified,
   * unless one as far is recorded already. Undefined when it moved on; otherwise the status
   * recorded, so a status consumed late (several consumers, a requeue) can be told apart.
   */
  advanceStatus(orderId: string, status: string, rank: number): Promise<string | undefined>;
  /**
   * `advanceStatus` for several changes, as if called for each in turn (a change behind one
   * earlier in the list gets that one's status). The rows stay locked to the end of the
   * caller's transaction (without one, the call is a transaction of its own).
   */
  advanceStatuses(changes: readonly StatusChange[]): Promise<(string | undefined)[]>;
  /**
   * For changes that create no delivery: `advanceStatus`'s record of each order's furthest
   * status and `consumer`'s processed record of each message, together in one statement
   * (atomic, one commit, no transaction). Both are no-ops when repeated.
   */
  recordStatusOnly(consumer: string, changes: readonly StatusOnlyChange[]): Promise<void>;
}

/** A status of an order to record as notified (`advanceStatuses`). */
export interface StatusChange {
  orderId: string;
  status: string;
  rank: number;
}

/** A change of an order that creates no delivery (`recordStatusOnly`). */
export interface StatusOnlyChange extends StatusChange {
  messageId: string;
}

/** One attempt to record (`recordMany`): its receipt and update, under the claim `leaseUntil`. */
export interface AttemptRecord {
  receipt: Receipt;
  update: DeliveryUpdate;
  leaseUntil: Date;
}

export interface NotificationStores {
  processed: ProcessedMessages;
  notifications: NotificationStore;
  devices: DeviceStore;
}

/** What a letter or a push says about the order. */
export interface NotificationView {
  order_id: string;
  status: string;
  previous_status: string | null;
  display_name: string | null;
  /** `${PUBLIC_URL}/orders/{order_id}`. */
  link: string;
  reason?: CancellationReason;
  refunded?: boolean;
  total?: number;
  currency?: string;
}

/** Forms the content from templates per locale (seed 000: "form the notification content"). */
export interface NotificationContent {
  letter(
    kind: LetterKind,
    locale: Locale,
    view: NotificationView,
  ): { subject: string; html: string; text: string };
  push(locale: Locale, view: NotificationView): { title: string; body: string };
}

/** Hears about every attempt: the composition root logs and counts them. */
export interface NotificationObserver {
  attempted(event: {
    delivery: ClaimedDelivery;
    receipt: Receipt;
    /** Set once the delivery settled as delivered: from its creation to now. */
    deliveredAfterMs?: number;
    /** A temporary failure that used up the last attempt. */
    gaveUp: boolean;
  }): void;
}

/** One entry of the dev inbox: a rendered e-mail or a push payload as it would have been sent. */
export type DevInboxEntry =
  | {
      id: string;
      kind: 'email';
      to: string;
      subject: string;
      html: string;
      text: string;
      captured_at: string;
    }
  | {
      id: string;
      kind: 'push';
      platform: PushPlatform;
      token: string;
      title: string;
      body: string;
      data: Record<string, string>;
      captured_at: string;
    };

/** Embedded mode without providers: what the channels captured, newest first. */
export interface DevInbox {
  list(limit?: number): DevInboxEntry[];
}
