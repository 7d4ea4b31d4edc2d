/** A place on the globe, in degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Ingredient name → quantity (units of stock, or units a recipe needs). */
export type Ingredients = Record<string, number>;

/** A kitchen (seed 001's "закусочная"): where it is, whether it delivers, how many orders it cooks at once. */
export interface FoodPoint {
  id: string;
  name: string;
  location: GeoPoint;
  accepts_delivery: boolean;
  /** Orders in the kitchen at once. */
  capacity: number;
  /** Orders in the kitchen now (assigned and not yet picked up, handed over or cancelled). */
  in_kitchen: number;
}

/** A food point with its ingredient stock, as the assigner sees it. */
export interface StockedFoodPoint extends FoodPoint {
  stock: Ingredients;
}

/** An order line as fulfilment needs it. */
export interface Portion {
  product_id: string;
  quantity: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * What a whole order needs from a kitchen: the recipes' ingredients times the quantities.
 * `undefined` when a product has no recipe: no kitchen knows how to make it.
 */
export function ingredientsFor(
  portions: readonly Portion[],
  recipes: Readonly<Record<string, Ingredients>>,
): Ingredients | undefined {
  const needs: Ingredients = {};
  for (const { product_id, quantity } of portions) {
    const recipe = recipes[product_id];
    if (recipe === undefined) return undefined;
    for (const [ingredient, perUnit] of Object.entries(recipe)) {
      needs[ingredient] = (needs[ingredient] ?? 0) + perUnit * quantity;
    }
  }
  return needs;
}

/** Why a point cannot take an order (undefined: it can). */
export function refusal(
  point: StockedFoodPoint,
  needs: Ingredients,
  forDelivery: boolean,
): 'no delivery' | 'full' | 'missing ingredients' | undefined {
  if (forDelivery && !point.accepts_delivery) return 'no delivery';
  if (point.in_kitchen >= point.capacity) return 'full';
  const short = Object.entries(needs).some(([ingredient, n]) => (point.stock[ingredient] ?? 0) < n);
  return short ? 'missing ingredients' : undefined;
}

/** Where an order goes: a delivery location (nearest eligible point) or none (the default point). */
export type Destination =
  | { kind: 'deliver'; to: GeoPoint }
  | { kind: 'default'; pointId: string | undefined };

/**
 * Seed 001's choice: the nearest point (great-circle distance from the delivery location)
 * that accepts delivery orders, has a free slot and every ingredient for the whole order. An
 * order without a delivery location goes to the default point, if that one can take it (it
 * is not a delivery from elsewhere, so its delivery switch does not matter). `undefined`:
 * nobody can take it now; ties go to the smaller id so every assigner chooses alike.
 */
export function chooseFoodPoint(
  points: readonly StockedFoodPoint[],
  destination: Destination,
  needs: Ingredients | undefined,
): StockedFoodPoint | undefined {
  if (needs === undefined) return undefined;
  if (destination.kind === 'default') {
    const point = points.find((p) => p.id === destination.pointId);
    return point && refusal(point, needs, false) === undefined ? point : undefined;
  }
  return points
    .filter((point) => refusal(point, needs, true) === undefined)
    .map((point) => ({ point, km: distanceKm(destination.to, point.location) }))
    .sort((a, b) => a.km - b.km || (a.point.id < b.point.id ? -1 : 1))[0]?.point;
}
