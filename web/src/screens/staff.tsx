import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, errorText, unwrap } from '../api/client.ts';
import { LIVE_MODE_WORDS, type LiveMode, LiveOrders } from '../lib/live-orders.ts';
import { STATUS_WORDS } from '../lib/timeline.ts';
import { Empty, ErrorText, Loading, Notice, Panel, shortId, useInterval, useLoad } from '../ui.tsx';

const REFRESH_MS = 3000;

const itemsText = (items: readonly { quantity: number; name: string }[]) =>
  items.map((item) => `${item.quantity} × ${item.name}`).join(', ');

/**
 * Kitchen: the point's assigned orders, updated live (the feed carries every status change of
 * the orders assigned to the staff's point); "ready"; hand to a carrier.
 */
export function KitchenScreen() {
  const orders = useLoad(() => unwrap(api.GET('/api/v1/kitchen/orders')));
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(() => {
    const feed = new LiveOrders({
      onUpdate: () => void orders.reload(),
      onMode: setMode,
      poll: () => void orders.reload(),
      pollMs: REFRESH_MS,
    });
    return () => feed.close();
  }, [orders.reload]);
  const [error, setError] = useState<string>();
  const [carrier, setCarrier] = useState('demo');
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure));
    }
    await orders.reload();
  };
  return (
    <Panel title="Kitchen orders">
      <Notice text={LIVE_MODE_WORDS[mode]} />
      <label className="inline">
        Carrier for hand-over
        <input value={carrier} onChange={(e) => setCarrier(e.target.value)} />
      </label>
      <ErrorText text={error} />
      {orders.loading && !orders.data && <Loading what="kitchen orders" />}
      <ErrorText text={orders.error} />
      {orders.data?.orders.length === 0 && <Empty>No orders assigned to your kitchen right now.</Empty>}
      <ul className="cards">
        {orders.data?.orders.map((order) => (
          <li key={order.order_id} className="card" data-order={order.order_id}>
            <h3>Order {shortId(order.order_id)}</h3>
            <p>{itemsText(order.items)}</p>
            <p>{STATUS_WORDS[order.status] ?? order.status}</p>
            {order.status === 'ASSIGNED' && (
              <button
                type="button"
                aria-label={`Mark order ${shortId(order.order_id)} ready`}
                onClick={() =>
                  act(() =>
                    unwrap(
                      api.POST('/api/v1/kitchen/orders/{id}/ready', {
                        params: { path: { id: order.order_id } },
                      }),
                    ),
                  )
                }
              >
                Ready
              </button>
            )}
            {order.status === 'READY' && (
              <button
                type="button"
                className="secondary"
                aria-label={`Hand over order ${shortId(order.order_id)} to the carrier`}
                onClick={() =>
                  act(() =>
                    unwrap(
                      api.POST('/api/v1/orders/{id}/shipment', {
                        params: { path: { id: order.order_id } },
                        body: { carrier },
                      }),
                    ),
                  )
                }
              >
                Hand over
              </button>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

const PICKED_KEY = 'orderflow.courier.picked';
const pickedUp = (): string[] => JSON.parse(sessionStorage.getItem(PICKED_KEY) ?? '[]') as string[];
const remember = (ids: string[]) => sessionStorage.setItem(PICKED_KEY, JSON.stringify(ids));

/** Courier: ready orders nearest first; pick up; delivered. */
export function CourierScreen() {
  const offered = useLoad(() => unwrap(api.GET('/api/v1/courier/orders')));
  useInterval(() => void offered.reload(), REFRESH_MS);
  const [carrying, setCarrying] = useState<string[]>(pickedUp);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const keep = (ids: string[]) => {
    remember(ids);
    setCarrying(ids);
  };
  const act = async (work: () => Promise<unknown>, then: () => void, words: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
      then();
      setNotice(words);
    } catch (failure) {
      setError(errorText(failure));
    }
    await offered.reload();
  };
  const locate = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () => unwrap(api.PUT('/api/v1/courier/location', { body: { lat: Number(lat), lon: Number(lon) } })),
      () => {},
      'Location saved: orders are sorted from there.',
    );
  };
  return (
    <>
      <Panel title="Ready for pickup">
        <p className="hint">Nearest first; this list refreshes every few seconds.</p>
        <ErrorText text={error} />
        <Notice text={notice} />
        {offered.loading && !offered.data && <Loading what="orders to pick up" />}
        <ErrorText text={offered.error} />
        {offered.data?.orders.length === 0 && <Empty>No orders waiting for a courier.</Empty>}
        <ul className="cards">
          {offered.data?.orders.map((job) => (
            <li key={job.order_id} className="card" data-order={job.order_id}>
              <h3>Order {shortId(job.order_id)}</h3>
              <p>
                From {job.food_point_name}
                {job.distance_km !== null ? ` (${job.distance_km.toFixed(1)} km away)` : ''}
              </p>
              <p>{itemsText(job.items)}</p>
              <button
                type="button"
                aria-label={`Pick up order ${shortId(job.order_id)}`}
                onClick={() =>
                  act(
                    () =>
                      unwrap(
                        api.POST('/api/v1/courier/orders/{id}/pickup', {
                          params: { path: { id: job.order_id } },
                        }),
                      ),
                    () => keep([...pickedUp(), job.order_id]),
                    `Picked up order ${shortId(job.order_id)}.`,
                  )
                }
              >
                Pick up
              </button>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="On the way">
        {carrying.length === 0 && <Empty>You are not carrying any order.</Empty>}
        <ul className="cards">
          {carrying.map((id) => (
            <li key={id} className="card" data-order={id}>
              <h3>Order {shortId(id)}</h3>
              <button
                type="button"
                aria-label={`Mark order ${shortId(id)} delivered`}
                onClick={() =>
                  act(
                    () =>
                      unwrap(api.POST('/api/v1/courier/orders/{id}/deliver', { params: { path: { id } } })),
                    () => keep(pickedUp().filter((other) => other !== id)),
                    `Delivered order ${shortId(id)}.`,
                  )
                }
              >
                Delivered
              </button>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="My location">
        <form onSubmit={locate} className="grid-form">
          <label>
            Latitude
            <input inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} required />
          </label>
          <label>
            Longitude
            <input inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} required />
          </label>
          <button type="submit">Save location</button>
        </form>
      </Panel>
    </>
  );
}

/** The dev inbox (embedded mode): e-mails rendered, pushes as sent. */
export function DevInbox() {
  const inbox = useLoad(async () => {
    try {
      return (await unwrap(api.GET('/dev/inbox', { params: { query: { limit: 50 } } }))).messages;
    } catch (error) {
      // Production servers have no dev inbox: the path does not exist there.
      if (error instanceof ApiError && error.problem.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  });
  useInterval(() => void inbox.reload(), 5000);
  return (
    <Panel title="Dev inbox">
      <p className="hint">What the e-mail and push channels would have sent (embedded mode).</p>
      {inbox.loading && inbox.data === undefined && !inbox.error && <Loading what="the inbox" />}
      <ErrorText text={inbox.error} />
      {!inbox.loading && inbox.data === undefined && !inbox.error && (
        <Empty>This server has no dev inbox.</Empty>
      )}
      {inbox.data?.length === 0 && <Empty>Nothing captured yet.</Empty>}
      <ul className="cards">
        {inbox.data?.map((entry) =>
          entry.kind === 'email' ? (
            <li key={entry.id} className="card">
              <h3>
                E-mail to {entry.to}: {entry.subject}
              </h3>
              <iframe title={`E-mail: ${entry.subject}`} sandbox="" srcDoc={entry.html} className="mail" />
            </li>
          ) : (
            <li key={entry.id} className="card">
              <h3>
                Push ({entry.platform}): {entry.title}
              </h3>
              <p>{entry.body}</p>
            </li>
          ),
        )}
      </ul>
    </Panel>
  );
}
