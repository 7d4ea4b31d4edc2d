import { api, unwrap } from '../api/client.ts';
import { STATUS_WORDS } from '../lib/timeline.ts';
import { Link } from '../router.tsx';
import { Empty, ErrorText, Loading, Money, Panel, shortId, useLoad, when } from '../ui.tsx';

/** The buyer's orders, newest first. */
export function BuyerOrders() {
  const orders = useLoad(() => unwrap(api.GET('/api/v1/orders', { params: { query: { limit: 50 } } })));
  return (
    <Panel title="My orders">
      {orders.loading && !orders.data && <Loading what="your orders" />}
      <ErrorText text={orders.error} />
      {orders.data?.orders.length === 0 && <Empty>No orders yet: pick something from the menu.</Empty>}
      {orders.data && orders.data.orders.length > 0 && (
        <ul className="orders">
          {orders.data.orders.map((order) => (
            <li key={order.order_id}>
              <Link to={`/orders/${order.order_id}`}>Order {shortId(order.order_id)}</Link>
              <span>{when(order.created_at)}</span>
              <span>{order.items.map((item) => `${item.quantity} × ${item.name}`).join(', ')}</span>
              <Money amount={order.total} currency={order.currency} />
              <span className={`status status-${order.status}`}>
                {STATUS_WORDS[order.status] ?? order.status}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
