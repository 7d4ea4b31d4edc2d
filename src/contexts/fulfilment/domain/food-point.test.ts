import { describe, expect, it } from 'vitest';
import { chooseFoodPoint, distanceKm, ingredientsFor, type StockedFoodPoint } from './food-point.ts';

// Hand-made geometry along a meridian near Berlin: 0.01° of latitude is about 1.1 km.
const at = (km: number) => ({ lat: 52.5 + km / 111.2, lon: 13.4 });
const customer = { kind: 'deliver' as const, to: at(0) };
const point = (id: string, km: number, overrides: Partial<StockedFoodPoint> = {}): StockedFoodPoint => ({
  id,
  name: id,
  location: at(km),
  accepts_delivery: true,
  capacity: 2,
  in_kitchen: 0,
  stock: { bread: 10, ham: 10 },
  ...overrides,
});
const needs = { bread: 2, ham: 1 };

describe('distanceKm (haversine)', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 0 })).toBe(0);
    // Berlin → Paris is about 878 km.
    expect(distanceKm({ lat: 52.52, lon: 13.405 }, { lat: 48.8566, lon: 2.3522 })).toBeCloseTo(878, -1);
    expect(distanceKm(at(0), at(10))).toBeCloseTo(10, 1);
  });
});

describe('ingredientsFor', () => {
  it('multiplies each recipe by its quantity and adds them up', () => {
    const recipes = { club: { bread: 2, ham: 1 }, soup: { tomato: 3, bread: 1 } };
    expect(
      ingredientsFor(
        [
          { product_id: 'club', quantity: 2 },
          { product_id: 'soup', quantity: 1 },
        ],
        recipes,
      ),
    ).toEqual({ bread: 5, ham: 2, tomato: 3 });
  });

  it('knows no ingredients for a product without a recipe', () => {
    expect(ingredientsFor([{ product_id: 'mystery', quantity: 1 }], {})).toBeUndefined();
  });
});

describe('chooseFoodPoint', () => {
  it('picks the nearest point when every point could take the order', () => {
    const points = [point('far', 5), point('near', 1), point('middle', 3)];
    expect(chooseFoodPoint(points, customer, needs)?.id).toBe('near');
  });

  it('passes over the nearest point when it lacks an ingredient', () => {
    const points = [point('near', 1, { stock: { bread: 10, ham: 0 } }), point('next', 2)];
    expect(chooseFoodPoint(points, customer, needs)?.id).toBe('next');
  });

  it('passes over the nearest point when it is full', () => {
    const points = [point('near', 1, { in_kitchen: 2 }), point('next', 2)];
    expect(chooseFoodPoint(points, customer, needs)?.id).toBe('next');
  });

  it('passes over the nearest point when it does not accept delivery orders', () => {
    const points = [point('near', 1, { accepts_delivery: false }), point('next', 2)];
    expect(chooseFoodPoint(points, customer, needs)?.id).toBe('next');
  });

  it('needs the whole order from one point: stock split across points does not count', () => {
    const points = [point('a', 1, { stock: { bread: 2 } }), point('b', 2, { stock: { ham: 1 } })];
    expect(chooseFoodPoint(points, customer, needs)).toBeUndefined();
  });

  it('chooses nobody when no point is eligible (the order waits)', () => {
    const points = [
      point('missing', 1, { stock: {} }),
      point('full', 2, { in_kitchen: 2 }),
      point('pickup-only', 3, { accepts_delivery: false }),
    ];
    expect(chooseFoodPoint(points, customer, needs)).toBeUndefined();
    expect(chooseFoodPoint([point('near', 1)], customer, undefined)).toBeUndefined();
  });

  it('sends an order without a delivery location to the default point, still subject to capacity and stock', () => {
    const points = [point('near', 1), point('default', 50, { accepts_delivery: false })];
    expect(chooseFoodPoint(points, { kind: 'default', pointId: 'default' }, needs)?.id).toBe('default');
    const full = [point('near', 1), point('default', 50, { in_kitchen: 2 })];
    expect(chooseFoodPoint(full, { kind: 'default', pointId: 'default' }, needs)).toBeUndefined();
    expect(chooseFoodPoint(points, { kind: 'default', pointId: undefined }, needs)).toBeUndefined();
  });

  it('breaks a tie in distance by id, so every assigner chooses alike', () => {
    expect(chooseFoodPoint([point('b', 1), point('a', 1)], customer, needs)?.id).toBe('a');
  });
});
