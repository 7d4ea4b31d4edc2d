import { type FormEvent, useState } from 'react';
import { api, errorText, unwrap } from '../api/client.ts';
import { formatLines, parseUnits } from '../lib/key-values.ts';
import { Empty, ErrorText, Loading, Notice, Panel, useLoad } from '../ui.tsx';

/** Admin: food points (create, edit, capacity, delivery, stock) and the products' recipes. */
export function AdminFoodPoints() {
  return (
    <>
      <FoodPoints />
      <Recipes />
    </>
  );
}

const EMPTY_POINT = { id: '', name: '', lat: '', lon: '', capacity: '', accepts_delivery: true, stock: '' };
type PointForm = typeof EMPTY_POINT;

/** Reads a number field; undefined when it is not one or outside [min, max]. */
const numberIn = (text: string, min: number, max: number, integer = false): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) return undefined;
  return integer && !Number.isInteger(value) ? undefined : value;
};

function FoodPoints() {
  const points = useLoad(() => unwrap(api.GET('/api/v1/food-points')));
  const [form, setForm] = useState<PointForm>(EMPTY_POINT);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const text = (name: Exclude<keyof PointForm, 'accepts_delivery'>, label: string, extra = {}) => (
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
    const lat = numberIn(form.lat, -90, 90);
    const lon = numberIn(form.lon, -180, 180);
    const capacity = numberIn(form.capacity, 0, 100_000, true);
    const stock = parseUnits(form.stock);
    if (lat === undefined || lon === undefined)
      return setError('Latitude must be between -90 and 90, longitude between -180 and 180.');
    if (capacity === undefined) return setError('Capacity must be a whole number of orders, 0 or more.');
    if (!stock.ok) return setError(stock.error);
    const id = form.id.trim();
    try {
      await unwrap(
        api.PUT('/api/v1/food-points/{id}', {
          params: { path: { id } },
          body: {
            name: form.name.trim(),
            location: { lat, lon },
            accepts_delivery: form.accepts_delivery,
            capacity,
          },
        }),
      );
      await unwrap(
        api.PUT('/api/v1/food-points/{id}/stock', {
          params: { path: { id } },
          body: { ingredients: stock.value },
        }),
      );
      setSaved(`Saved ${form.name.trim()}.`);
      setForm(EMPTY_POINT);
      await points.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <>
      <Panel title="Food points">
        {points.loading && !points.data && <Loading what="food points" />}
        <ErrorText text={points.error} />
        {points.data?.food_points.length === 0 && <Empty>No food points yet.</Empty>}
        <ul className="cards">
          {points.data?.food_points.map((point) => (
            <li key={point.id} className="card" data-testid={`food-point-${point.id}`}>
              <h3>
                {point.name} ({point.id})
              </h3>
              <p>
                {point.accepts_delivery ? 'Accepts delivery' : 'No delivery'} · {point.in_kitchen} of{' '}
                {point.capacity} orders in the kitchen · at {point.location.lat.toFixed(3)},{' '}
                {point.location.lon.toFixed(3)}
              </p>
              <p>
                Stock:{' '}
                {Object.entries(point.stock)
                  .map(([ingredient, units]) => `${ingredient} ${units}`)
                  .join(', ') || 'none'}
              </p>
              <button
                type="button"
                className="secondary"
                aria-label={`Edit ${point.name}`}
                onClick={() =>
                  setForm({
                    id: point.id,
                    name: point.name,
                    lat: String(point.location.lat),
                    lon: String(point.location.lon),
                    capacity: String(point.capacity),
                    accepts_delivery: point.accepts_delivery,
                    stock: formatLines(point.stock),
                  })
                }
              >
                Edit
              </button>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="Create or change a food point">
        <form onSubmit={save} className="grid-form">
          {text('id', 'Food point id', { pattern: '[A-Za-z0-9._-]+' })}
          {text('name', 'Name')}
          {text('lat', 'Latitude', { inputMode: 'decimal' })}
          {text('lon', 'Longitude', { inputMode: 'decimal' })}
          {text('capacity', 'Capacity (orders at once)', { type: 'number', min: 0 })}
          <label className="check">
            <input
              type="checkbox"
              checked={form.accepts_delivery}
              onChange={(e) => setForm({ ...form, accepts_delivery: e.target.checked })}
            />
            Accepts delivery
          </label>
          <label className="wide">
            Ingredient stock (one per line: ingredient = units)
            <textarea
              rows={4}
              value={form.stock}
              onChange={(e) => setForm({ ...form, stock: e.target.value })}
            />
          </label>
          <button type="submit">Save food point</button>
        </form>
        <ErrorText text={error} />
        <Notice text={saved} />
      </Panel>
    </>
  );
}

/** What one unit of each product needs from a kitchen's stock; admins set it per product. */
function Recipes() {
  const recipes = useLoad(async () => {
    const { products } = await unwrap(api.GET('/api/v1/products'));
    return Promise.all(
      products.map(async (product) => {
        const found = await api.GET('/api/v1/products/{id}/recipe', { params: { path: { id: product.id } } });
        return { product, ingredients: found.data?.ingredients };
      }),
    );
  });
  const [productId, setProductId] = useState('');
  const [lines, setLines] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const choose = (id: string) => {
    setProductId(id);
    setLines(formatLines(recipes.data?.find((r) => r.product.id === id)?.ingredients ?? {}));
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    const ingredients = parseUnits(lines);
    if (!ingredients.ok) return setError(ingredients.error);
    try {
      await unwrap(
        api.PUT('/api/v1/products/{id}/recipe', {
          params: { path: { id: productId } },
          body: { ingredients: ingredients.value },
        }),
      );
      const name = recipes.data?.find((r) => r.product.id === productId)?.product.name ?? productId;
      setSaved(`Saved the recipe of ${name}.`);
      await recipes.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <Panel title="Recipes">
      {recipes.loading && !recipes.data && <Loading what="recipes" />}
      <ErrorText text={recipes.error} />
      {recipes.data && (
        <>
          <ul>
            {recipes.data.map(({ product, ingredients }) => (
              <li key={product.id} data-testid={`recipe-${product.id}`}>
                <strong>{product.name}</strong>:{' '}
                {ingredients
                  ? Object.entries(ingredients)
                      .map(([ingredient, units]) => `${units} × ${ingredient}`)
                      .join(', ') || 'nothing'
                  : 'no recipe'}
              </li>
            ))}
          </ul>
          <form onSubmit={save} className="grid-form">
            <label>
              Product
              <select value={productId} onChange={(e) => choose(e.target.value)} required>
                <option value="">Choose a product</option>
                {recipes.data.map(({ product }) => (
                  <option key={product.id} value={product.id}>
                    {product.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="wide">
              Ingredients per unit (one per line: ingredient = units)
              <textarea rows={4} value={lines} onChange={(e) => setLines(e.target.value)} />
            </label>
            <button type="submit">Save recipe</button>
          </form>
        </>
      )}
      <ErrorText text={error} />
      <Notice text={saved} />
    </Panel>
  );
}
