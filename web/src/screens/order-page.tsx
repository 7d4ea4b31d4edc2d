import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, errorText, unwrap } from '../api/client.ts';
import { type LiveMode, LiveOrders, LIVE_MODE_WORDS as MODE_WORDS } from '../lib/live-orders.ts';
import type { LiveUpdate } from '../lib/resume.ts';
import { STATUS_WORDS, type StatusEntry, timelineSteps } from '../lib/timeline.ts';
import { ErrorText, Loading, Money, Notice, Panel, shortId, useLoad, when } from '../ui.tsx';

/** The buyer's order page (`/orders/{id}`): the status timeline moving live, delivery and notifications. */
export function OrderPage({ orderId, canCancel }: { orderId: string; canCancel: boolean }) {
  const order = useLoad(
    () => unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })),
    [orderId],
  );
  const receipts = useLoad(async () => {
    try {
      return (
        await unwrap(api.GET('/api/v1/orders/{id}/notifications', { params: { path: { id: orderId } } }))
      ).receipts;
    } catch (error) {
      // A server without the notifications context has no such route.
      if (error instanceof ApiError && error.problem.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }, [orderId]);
  const [live, setLive] = useState<StatusEntry[]>([]);
  const [mode, setMode] = useState<LiveMode>('connecting');
  const [actionError, setActionError] = useState<string>();

  useEffect(() => {
    setLive([]);
    const feed = new LiveOrders({
      onUpdate: (update: LiveUpdate) => {
        if (update.order_id !== orderId) return;
        setLive((entries) => [
          ...entries,
          {
            status: update.status,
            at: update.timestamp ?? new Date().toISOString(),
            event_id: update.event_id,
          },
        ]);
        void order.reload();
        void receipts.reload();
      },
      onMode: setMode,
      poll: () => void order.reload(),
    });
    // A handle for the browser test that drops the connection as a network failure would.
    (window as unknown as { orderflowLive?: LiveOrders }).orderflowLive = feed;
    return () => feed.close();
  }, [orderId, order.reload, receipts.reload]);

  const steps = useMemo(() => timelineSteps([...(order.data?.history ?? []), ...live]), [order.data, live]);

  const cancel = async () => {
    setActionError(undefined);
    try {
      await unwrap(
        api.POST('/api/v1/orders/{id}/cancel', {
          params: { path: { id: orderId } },
          body: { reason: 'cancelled by the buyer' },
        }),
      );
      await order.reload();
    } catch (error) {
      setActionError(errorText(error));
    }
  };

  const data = order.data;
  return (
    <div className="order-page">
      <h1>Order {shortId(orderId)}</h1>
      {order.loading && !data && <Loading what="the order" />}
      <ErrorText text={order.error} />
      <Notice text={MODE_WORDS[mode]} />
      {data && (
        <>
          <Panel title="Status">
            <p>
              Now: <strong data-testid="order-status">{STATUS_WORDS[data.status] ?? data.status}</strong>
            </p>
            <ol className="timeline" aria-label="Status timeline">
              {steps.map((step) => (
                <li
                  key={step.status}
                  className={`step ${step.state}`}
                  data-status={step.status}
                  aria-current={step.state === 'current' ? 'step' : undefined}
                >
                  <span className="label">{step.label}</span>
                  {step.at && <time dateTime={step.at}>{when(step.at)}</time>}
                </li>
              ))}
            </ol>
            {data.cancellation_reason && <p>Reason: {data.cancellation_reason}</p>}
            {canCancel && ['PENDING', 'PAID', 'CONFIRMED'].includes(data.status) && (
              <button type="button" className="secondary" onClick={cancel}>
                Cancel order
              </button>
            )}
            <ErrorText text={actionError} />
          </Panel>
          <Panel title="Delivery">
            {data.carrier || data.tracking_number ? (
              <p>
                {data.carrier && (
                  <>
                    Carrier: <strong>{data.carrier}</strong>.{' '}
                  </>
                )}
                {data.tracking_number && (
                  <>
                    Tracking number: <strong>{data.tracking_number}</strong>.
                  </>
                )}
              </p>
            ) : (
              <p>
                {data.delivery
                  ? `To ${data.delivery.address}`
                  : 'Pickup or courier from the nearest kitchen.'}
              </p>
            )}
            {data.delivered_at && (
              <p>
                Delivered {when(data.delivered_at)}
                {data.delivery_location ? ` at ${data.delivery_location}` : ''}.
              </p>
            )}
          </Panel>
          <Panel title="Items">
            <ul>
              {data.items.map((item) => (
                <li key={item.product_id}>
                  {item.quantity} × {item.name} —{' '}
                  <Money amount={item.unit_price * item.quantity} currency={data.currency} />
                </li>
              ))}
            </ul>
            <p>
              Total: <Money amount={data.total} currency={data.currency} />
            </p>
          </Panel>
          <Panel title="Notifications">
            {receipts.loading && receipts.data === undefined && <Loading what="notifications" />}
            <ErrorText text={receipts.error} />
            {!receipts.loading && receipts.data === undefined && !receipts.error && (
              <p>Notifications are not recorded on this server.</p>
            )}
            {receipts.data?.length === 0 && <p>No notifications sent for this order yet.</p>}
            {receipts.data && receipts.data.length > 0 && (
              <ul className="receipts">
                {receipts.data.map((receipt) => (
                  <li key={receipt.id}>
                    {when(receipt.attempted_at)}: {receipt.channel === 'email' ? 'E-mail' : 'Push'} to{' '}
                    {receipt.target} — {receipt.outcome}
                    {receipt.message ? ` (${receipt.message})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
    </div>
  );
}
