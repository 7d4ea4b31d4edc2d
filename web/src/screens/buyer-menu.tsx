import { useMemo, useRef, useState } from 'react';
import { ApiError, api, errorText, unwrap } from '../api/client.ts';
import { addOne, type BasketLine, MAX_QUANTITY, setQuantity } from '../lib/basket.ts';
import { describeProblem } from '../lib/problem.ts';
import { navigate } from '../router.tsx';
import { Empty, ErrorText, Loading, Money, Panel, useLoad } from '../ui.tsx';

type Basket = Awaited<ReturnType<typeof loadBasket>>;
const loadBasket = () => unwrap(api.GET('/api/v1/me/basket'));

/** The buyer's menu, basket and checkout (paid from the wallet). */
export function BuyerMenu() {
  const menu = useLoad(() => unwrap(api.GET('/api/v1/menu')));
  const basket = useLoad(loadBasket);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const category of menu.data?.categories ?? [])
      for (const item of category.items) map.set(item.product_id, item.name);
    return map;
  }, [menu.data]);
  const nameOf = (id: string) => names.get(id) ?? id;

  const lines = (current: Basket | undefined): BasketLine[] =>
    (current?.items ?? []).map(({ product_id, quantity }) => ({ product_id, quantity }));

  // Edits run one after the other, each on the basket as the one before left it: two quick
  // clicks must not both start from the basket on screen (the second PUT would drop the first
  // one's line). After a failed edit the next one starts from the server's basket.
  const edits = useRef<Promise<void>>(Promise.resolve());
  const saved = useRef<BasketLine[] | undefined>(undefined);
  const save = (edit: (current: BasketLine[]) => BasketLine[]): Promise<void> => {
    edits.current = edits.current.then(async () => {
      setError(undefined);
      try {
        const next = edit(saved.current ?? lines(await loadBasket()));
        await unwrap(api.PUT('/api/v1/me/basket', { body: { items: next } }));
        saved.current = next;
      } catch (failure) {
        saved.current = undefined;
        setError(failure instanceof ApiError ? describeProblem(failure.problem, nameOf) : errorText(failure));
      }
      await basket.reload();
    });
    return edits.current;
  };

  const checkout = async () => {
    setBusy(true);
    // The basket as the last click left it.
    await edits.current;
    setError(undefined);
    try {
      const order = await unwrap(
        api.POST('/api/v1/me/basket/checkout', {
          params: { header: { 'idempotency-key': crypto.randomUUID() } },
          body: { payment: { method: 'wallet' } },
        }),
      );
      navigate(`/orders/${order.order_id}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? describeProblem(failure.problem, nameOf) : errorText(failure));
      await Promise.all([basket.reload(), menu.reload()]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="columns">
      <Panel title="Menu">
        {menu.loading && !menu.data && <Loading what="the menu" />}
        <ErrorText text={menu.error} />
        {menu.data?.categories.length === 0 && <Empty>Nothing on the menu yet.</Empty>}
        {menu.data?.categories.map((category) => (
          <section key={category.category} aria-label={category.category}>
            <h3 className="category">{category.category}</h3>
            <ul className="menu">
              {category.items.map((item) => (
                <li key={item.product_id} className="menu-item">
                  <span className="name">{item.name}</span>
                  <Money amount={item.price} currency={item.currency} />
                  <span className={item.is_available ? 'stock' : 'stock sold-out'}>
                    {item.is_available ? `${item.available} available` : 'Sold out'}
                  </span>
                  <button
                    type="button"
                    disabled={!item.is_available || basket.data === undefined}
                    aria-label={`Add ${item.name} to basket`}
                    onClick={() => save((current) => addOne(current, item.product_id))}
                  >
                    Add
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </Panel>
      <Panel title="Basket">
        {basket.loading && !basket.data && <Loading what="your basket" />}
        <ErrorText text={basket.error} />
        {basket.data && basket.data.items.length === 0 && <Empty>Your basket is empty.</Empty>}
        {basket.data && basket.data.items.length > 0 && (
          <>
            <ul className="basket">
              {basket.data.items.map((line) => (
                <li key={line.product_id}>
                  <span className="name">{line.name}</span>
                  <label className="quantity">
                    <span className="visually-hidden">Quantity of {line.name}</span>
                    <input
                      type="number"
                      min={0}
                      max={MAX_QUANTITY}
                      value={line.quantity}
                      onChange={(e) =>
                        save((current) => setQuantity(current, line.product_id, Number(e.target.value)))
                      }
                    />
                  </label>
                  <Money amount={line.line_total} currency={line.currency} />
                  {!line.is_available && (
                    <span className="warning">
                      {line.available === 0 ? 'sold out' : `only ${line.available} left`}
                    </span>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove ${line.name}`}
                    onClick={() => save((current) => setQuantity(current, line.product_id, 0))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <p className="total">
              Total:{' '}
              <strong data-testid="basket-total">
                <Money amount={basket.data.total} currency={basket.data.currency ?? 'EUR'} />
              </strong>
            </p>
            <button type="button" onClick={checkout} disabled={busy}>
              {busy ? 'Paying…' : 'Check out and pay from wallet'}
            </button>
          </>
        )}
        <ErrorText text={error} />
      </Panel>
    </div>
  );
}
