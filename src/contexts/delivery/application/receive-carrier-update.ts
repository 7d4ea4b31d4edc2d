import type { Clock } from '../../../shared/clock.ts';
import { ConcurrencyError, DomainError } from '../../../shared/errors.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { LoadedOrder, OrderCommandHandler, OrderStatus, RequestContext } from '../../ordering/index.ts';
import { type Carrier, mapCarrierStatus } from '../domain/carrier.ts';
import type { ShipmentUpdate, ShipmentUpdateOutcome } from '../domain/shipment.ts';
import { CarrierCache } from './carrier-cache.ts';
import { type CarrierStep, planCarrierUpdate } from './carrier-update.plan.ts';
import { type DeliveryStores, WebhookReplayed } from './ports.ts';
import { type VerifiedWebhook, verifyWebhookSignature, type WebhookHeaders } from './webhook-signature.ts';

/** A carrier's status report: the webhook body (DESIGN.md, seed 002's fields). */
export interface CarrierReport {
  order_id: string;
  /** In the carrier's vocabulary (SHIPPED, IN_TRANSIT, DELIVERED …), mapped per carrier. */
  status: string;
  tracking_number?: string | undefined;
  /** The carrier's own name for itself: informational; the order shows the configured display name. */
  carrier?: string | undefined;
  delivered_at?: string | undefined;
  delivery_location?: string | undefined;
  occurred_at: string;
}

export interface CarrierUpdateResult {
  order_id: string;
  outcome: ShipmentUpdateOutcome | 'DUPLICATE';
  /** The order's status after the report. */
  status: OrderStatus;
}

/**
 * Seed 000's status flow from an external delivery service: authenticate the carrier's
 * signed webhook, then compare and update in one transaction — dedupe `webhook-id` per
 * carrier, record the report on the shipment's history, and move the order forward only
 * (ordering's PickUp / Deliver through its command handler, whose outbox emits
 * `order.status_updated`).
 */
export class ReceiveCarrierUpdate {
  constructor(
    private readonly storage: UnitOfWork<DeliveryStores>,
    private readonly orders: OrderCommandHandler,
    private readonly clock: Clock,
    private readonly maxAttempts = 5,
    /** Carriers and their secrets kept in process (see `CarrierCache` for how long a change takes). */
    private readonly carriers: CarrierCache = new CarrierCache(0),
  ) {}

  /** The carrier and the verified webhook, or a 401 problem (unknown carrier, headers, signature, time). */
  async authenticate(
    carrierId: string,
    headers: WebhookHeaders,
    rawBody: Buffer,
  ): Promise<{ carrier: Carrier; webhook: VerifiedWebhook }> {
    const cached = this.carriers.get(carrierId);
    if (cached) {
      try {
        return {
          carrier: cached,
          webhook: verifyWebhookSignature(cached.secrets, headers, rawBody, this.clock.now()),
        };
      } catch (error) {
        // Perhaps signed with a secret added since the carrier was cached: read it again.
        if (!(error instanceof DomainError) || error.code !== 'WEBHOOK_SIGNATURE_INVALID') throw error;
      }
    }
    const carrier = await this.storage.read.carriers.get(carrierId);
    if (!carrier) {
      this.carriers.forget(carrierId);
      throw new DomainError('WEBHOOK_CARRIER_UNKNOWN', `no carrier ${carrierId}`, { carrier_id: carrierId });
    }
    this.carriers.put(carrier);
    return { carrier, webhook: verifyWebhookSignature(carrier.secrets, headers, rawBody, this.clock.now()) };
  }

  async apply(
    carrier: Carrier,
    webhookId: string,
    report: CarrierReport,
    context: RequestContext,
  ): Promise<CarrierUpdateResult> {
    const asCarrier = { ...context, actor_id: `carrier:${carrier.carrier_id}` };
    for (let attempt = 1; ; attempt++) {
      // The order's status as the attempt read it: what a replay answers.
      let read: OrderStatus | undefined;
      try {
        return await this.storage.transaction((tx) =>
          this.applyIn(tx, carrier, webhookId, report, asCarrier, (status) => {
            read = status;
          }),
        );
      } catch (error) {
        if (error instanceof WebhookReplayed && read !== undefined)
          return { order_id: report.order_id, outcome: 'DUPLICATE', status: read };
        if (!(error instanceof ConcurrencyError) || attempt >= this.maxAttempts) throw error;
      }
    }
  }

  private async applyIn(
    tx: DeliveryStores,
    carrier: Carrier,
    webhookId: string,
    report: CarrierReport,
    context: RequestContext,
    onRead: (status: OrderStatus) => void,
  ): Promise<CarrierUpdateResult> {
    const orderId = report.order_id;
    // The lock serialises reports on one order, so each compares against the last one's result.
    // The order's stream is read once, under the lock and in the same round trip: the steps
    // below decide on it and append at its version.
    const locked = await tx.shipments.lock(orderId);
    const loaded = await this.orders.load(orderId, tx);
    const shipment = await locked.answer();
    const { state } = loaded;
    if (!state.exists)
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
    if (shipment?.carrier_id !== carrier.carrier_id) {
      throw new DomainError(
        'ORDER_NOT_WITH_CARRIER',
        `order ${orderId} was not handed to ${carrier.carrier_id}`,
        {
          order_id: orderId,
          carrier_id: carrier.carrier_id,
        },
      );
    }
    const mapped = mapCarrierStatus(carrier, report.status) ?? null;
    const steps = mapped ? planCarrierUpdate(state.status, mapped, orderId) : [];
    const update: ShipmentUpdate = {
      carrier_id: carrier.carrier_id,
      webhook_id: webhookId,
      order_id: orderId,
      carrier_status: report.status,
      mapped_status: mapped,
      tracking_number: report.tracking_number ?? null,
      occurred_at: report.occurred_at,
      received_at: this.clock.now().toISOString(),
      outcome: mapped === null ? 'UNMAPPED' : steps.length > 0 ? 'APPLIED' : 'STALE',
    };
    // A replay (also a concurrent one, or one under another order id) loses on the
    // (carrier, webhook-id) key here, and nothing after it is written: the record leaves with
    // what follows (the append, the COMMIT) and refuses it all with WebhookReplayed.
    onRead(state.status);
    await tx.shipments.record(update);
    // The number comes from a report that moved the order, or fills a gap; a late (STALE) or
    // UNMAPPED report never overwrites the number an applied one gave (it stays in the history).
    const takesNumber =
      report.tracking_number !== undefined &&
      report.tracking_number !== shipment.tracking_number &&
      (update.outcome === 'APPLIED' || shipment.tracking_number === null);
    if (takesNumber) await tx.shipments.setTrackingNumber(orderId, report.tracking_number as string);
    const trackingNumber = (takesNumber ? report.tracking_number : shipment.tracking_number) ?? undefined;
    let status = state.status;
    let stream: LoadedOrder = loaded;
    for (const step of steps) {
      const outcome = await this.orders.executeIn(
        tx,
        orderId,
        (_order, now) => commandFor(step, carrier, report, trackingNumber, now),
        context,
        stream,
      );
      status = outcome.after.status;
      stream = { state: outcome.after, version: outcome.version };
    }
    return { order_id: orderId, outcome: update.outcome, status };
  }
}

function commandFor(
  step: CarrierStep,
  carrier: Carrier,
  report: CarrierReport,
  trackingNumber: string | undefined,
  now: Date,
) {
  if (step === 'PickUp') {
    return {
      type: 'PickUp' as const,
      carrier: carrier.display_name,
      ...(trackingNumber === undefined ? {} : { tracking_number: trackingNumber }),
      now,
    };
  }
  return {
    type: 'Deliver' as const,
    delivered_at: new Date(report.delivered_at ?? report.occurred_at),
    ...(report.delivery_location === undefined ? {} : { delivery_location: report.delivery_location }),
    now,
  };
}
