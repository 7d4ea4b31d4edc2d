import { type FormEvent, useState } from 'react';
import { api, errorText, unwrap } from '../api/client.ts';
import { Empty, ErrorText, Loading, Money, Notice, Panel, useLoad } from '../ui.tsx';

/** Parses "8.50" (major units) into minor units for a two-digit currency; undefined if not a price. */
export const toMinor = (text: string): number | undefined =>
  /^\d+([.,]\d{1,2})?$/.test(text.trim())
    ? Math.round(Number(text.trim().replace(',', '.')) * 100)
    : undefined;

/** Admin: products (price, stock, category) — create or change one. */
export function AdminProducts() {
  const products = useLoad(() => unwrap(api.GET('/api/v1/products')));
  const empty = { id: '', name: '', price: '', stock: '', category: '' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const field = (name: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        required
        {...extra}
      />
    </label>
  );
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    const price = toMinor(form.price);
    if (price === undefined) return setError('Price must be an amount such as 8.50.');
    try {
      await unwrap(
        api.PUT('/api/v1/products/{id}', {
          params: { path: { id: form.id.trim() } },
          body: {
            name: form.name,
            price,
            currency: 'EUR',
            stock: Number(form.stock),
            category: form.category || 'other',
          },
        }),
      );
      setSaved(`Saved ${form.name}.`);
      setForm(empty);
      await products.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <>
      <Panel title="Products and stock">
        {products.loading && !products.data && <Loading what="products" />}
        <ErrorText text={products.error} />
        {products.data?.products.length === 0 && <Empty>No products yet.</Empty>}
        {products.data && products.data.products.length > 0 && (
          <table>
            <caption className="visually-hidden">Products</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Category</th>
                <th scope="col">Price</th>
                <th scope="col">Stock</th>
                <th scope="col">Edit</th>
              </tr>
            </thead>
            <tbody>
              {products.data.products.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.category}</td>
                  <td>
                    <Money amount={p.price} currency={p.currency} />
                  </td>
                  <td>{p.stock}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Edit ${p.name}`}
                      onClick={() =>
                        setForm({
                          id: p.id,
                          name: p.name,
                          price: (p.price / 100).toFixed(2),
                          stock: String(p.stock),
                          category: p.category,
                        })
                      }
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Create or change a product">
        <form onSubmit={save} className="grid-form">
          {field('id', 'Product id', { pattern: '[A-Za-z0-9._-]+' })}
          {field('name', 'Name')}
          {field('price', 'Price (EUR)', { inputMode: 'decimal' })}
          {field('stock', 'Stock', { type: 'number', min: 0 })}
          {field('category', 'Category')}
          <button type="submit">Save product</button>
        </form>
        <ErrorText text={error} />
        <Notice text={saved} />
      </Panel>
    </>
  );
}

/** Admin: top up a customer's wallet. */
export function AdminWallets() {
  const orders = useLoad(() => unwrap(api.GET('/api/v1/orders', { params: { query: { limit: 100 } } })));
  const [customer, setCustomer] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const customers = new Map<string, string>();
  for (const order of orders.data?.orders ?? [])
    customers.set(order.customer_id, order.customer_name ?? order.customer_id);
  const topUp = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const minor = toMinor(amount);
    if (minor === undefined || minor === 0) return setError('Amount must be more than zero, such as 20.00.');
    try {
      const wallet = await unwrap(
        api.POST('/api/v1/wallets/{customer_id}/top-ups', {
          params: { path: { customer_id: customer.trim() } },
          body: { amount: minor },
        }),
      );
      setDone(`Topped up. New balance: ${(wallet.balance / 100).toFixed(2)} ${wallet.currency}.`);
      setAmount('');
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Panel title="Top up a wallet">
      <form onSubmit={topUp} className="grid-form">
        <label>
          Customer id
          <input
            list="known-customers"
            value={customer}
            onChange={(e) => setCustomer(e.target.value)}
            required
          />
        </label>
        <datalist id="known-customers">
          {[...customers].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </datalist>
        <label>
          Amount (EUR)
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        <button type="submit">Top up</button>
      </form>
      <ErrorText text={error} />
      <Notice text={done} />
      <p className="hint">Customers seen on recent orders are suggested in the customer field.</p>
    </Panel>
  );
}
