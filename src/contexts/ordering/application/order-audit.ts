import { DomainError } from '../../../shared/errors.ts';
import type { RecordedEvent } from '../../../shared/ports/event-store.ts';
import type { OrderViewer } from './order-visibility.ts';
import { mayView } from './order-visibility.ts';

/**
 * An order's stream as `viewer` may read it (`GET /orders/{id}/events`): admins see it as
 * stored; the buyer sees who acted by role only — an admin's, the kitchen's or a courier's
 * user id is not theirs to know — with the reason kept. Anyone else learns nothing (404).
 */
export function auditTrail(
  orderId: string,
  stream: readonly RecordedEvent[],
  viewer: OrderViewer,
): RecordedEvent[] {
  const customerId = stream[0]?.data.customer_id;
  if (
    stream.length === 0 ||
    typeof customerId !== 'string' ||
    !mayView({ customer_id: customerId }, viewer)
  ) {
    throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
  }
  if (viewer.isAdmin) return [...stream];
  return stream.map((event) => ({ ...event, data: withoutStaffIds(event.data, viewer.userId) }));
}

/** Actors (`{id, kind}`, e.g. `cancelled_by`) other than the viewer keep their kind only. */
function withoutStaffIds(data: Record<string, unknown>, viewerId: string): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    shown[key] = isActor(value) && value.id !== viewerId ? { kind: value.kind } : value;
  }
  return shown;
}

const isActor = (value: unknown): value is { id: unknown; kind: unknown } =>
  typeof value === 'object' && value !== null && 'id' in value && 'kind' in value;
