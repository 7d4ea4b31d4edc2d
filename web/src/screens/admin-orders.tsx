import { type FormEvent, useState } from 'react';
import { api, errorText, unwrap } from '../api/client.ts';
import { LIFECYCLE, STATUS_WORDS } from '../lib/timeline.ts';
import { Link } from '../router.tsx';
import { Empty, ErrorText, Loading, Money, Panel, shortId, useLoad, when } from '../ui.tsx';

const UNCONFIRMED = 'PENDING,PAID';
const STATUSES = [...LIFECYCLE, 'CANCELLED'];

/** Admin: search orders (not yet confirmed first), confirm, cancel with a reason. */
export function AdminOrders() {
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState({ status: '', q: '' });
  const [actionError, setActionError] = useState<string>();
  const orders = useLoad(async () => {
    const query = (statuses: string | undefined) =>
      unwrap(
        api.GET('/api/v1/orders', {
          params: {
            query: {
              limit: 50,
              ...(statuses ? { status: statuses } : {}),
              ...(filter.q ? { q: filter.q } : {}),
            },
          },
        }),
      );
    if (filter.status) return (await query(filter.status)).orders;
    // Without a status filter: orders waiting for a decision first, then the rest.
    const [open, all] = await Promise.all([query(UNCONFIRMED), query(undefined)]);
    const openIds = new Set(open.orders.map((o) => o.order_id));
    return [...open.orders, ...all.orders.filter((o) => !openIds.has(o.order_id))];
  }, [filter]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ status, q: q.trim() });
  };
  const act = async (work: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await work();
    } catch (error) {
      setActionError(errorText(error));
    }
    await orders.reload();
  };

  return (
    <Panel title="Orders">
      <form className="filters" onSubmit={search} aria-label="Search orders">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any (not yet confirmed first)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]} ({s})
              </option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="customer or product"
          />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorText text={actionError} />
      {orders.loading && !orders.data && <Loading what="orders" />}
      <ErrorText text={orders.error} />
      {orders.data?.length === 0 && <Empty>No orders match.</Empty>}
      {orders.data && orders.data.length > 0 && (
        <table>
          <caption className="visually-hidden">Orders</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Customer</th>
              <th scope="col">Placed</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {orders.data.map((order) => (
              <tr key={order.order_id}>
                <td>
                  <Link to={`/admin/orders/${order.order_id}`}>{shortId(order.order_id)}</Link>
                </td>
                <td>{order.customer_name ?? shortId(order.customer_id)}</td>
                <td>{when(order.created_at)}</td>
                <td>
                  <Money amount={order.total} currency={order.currency} />
                </td>
                <td>{STATUS_WORDS[order.status] ?? order.status}</td>
                <td>
                  {order.status === 'PAID' && (
                    <button
                      type="button"
                      aria-label={`Confirm order ${shortId(order.order_id)}`}
                      onClick={() =>
                        act(() =>
                          unwrap(
                            api.POST('/api/v1/orders/{id}/confirm', {
                              params: { path: { id: order.order_id } },
                            }),
                          ),
                        )
                      }
                    >
                      Confirm
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** Admin: one order with its event history; confirm, cancel with a reason. */
export function AdminOrder({ orderId }: { orderId: string }) {
  const path = { params: { path: { id: orderId } } };
  const order = useLoad(() => unwrap(api.GET('/api/v1/orders/{id}', path)), [orderId]);
  const events = useLoad(() => unwrap(api.GET('/api/v1/orders/{id}/events', path)), [orderId]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure));
    }
    await Promise.all([order.reload(), events.reload()]);
  };
  const cancel = (event: FormEvent) => {
    event.preventDefault();
    void act(() =>
      unwrap(
        api.POST('/api/v1/orders/{id}/cancel', {
          ...path,
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    );
  };
  const data = order.data;
  return (
    <div>
      <h1>Order {shortId(orderId)}</h1>
      {order.loading && !data && <Loading what="the order" />}
      <ErrorText text={order.error} />
      {data && (
        <Panel title="Summary">
          <p>
            Status:{' '}
            <strong data-testid="admin-order-status">{STATUS_WORDS[data.status] ?? data.status}</strong> ·
            Customer {data.customer_name ?? data.customer_id} ·{' '}
            <Money amount={data.total} currency={data.currency} />
          </p>
          <ul>
            {data.items.map((item) => (
              <li key={item.product_id}>
                {item.quantity} × {item.name}
              </li>
            ))}
          </ul>
          {data.status === 'PAID' && (
            <button
              type="button"
              onClick={() => act(() => unwrap(api.POST('/api/v1/orders/{id}/confirm', path)))}
            >
              Confirm
            </button>
          )}
          {!['DELIVERED', 'CANCELLED'].includes(data.status) && (
            <form onSubmit={cancel} className="inline">
              <label>
                Reason for cancelling
                <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
              </label>
              <button type="submit" className="danger">
                Cancel order
              </button>
            </form>
          )}
          <ErrorText text={error} />
        </Panel>
      )}
      <Panel title="Event history">
        {events.loading && !events.data && <Loading what="events" />}
        <ErrorText text={events.error} />
        {events.data && (
          <ol className="events">
            {events.data.events.map((event) => (
              <li key={event.event_id}>
                <strong>{event.type}</strong> — {when(event.recorded_at)}
                <details>
                  <summary>Data</summary>
                  <pre>{JSON.stringify(event.data, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}
