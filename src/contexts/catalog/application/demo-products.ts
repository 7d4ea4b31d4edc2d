import type { Product } from '../domain/product.ts';

/** Seeded when demo data is on: a small sandwich menu (seed 001) with stock (seed 002). */
export const DEMO_PRODUCTS: readonly Product[] = [
  {
    id: 'sandwich-club',
    name: 'Club sandwich',
    category: 'sandwiches',
    price: 850,
    currency: 'EUR',
    stock: 100,
  },
  {
    id: 'sandwich-blt',
    name: 'BLT sandwich',
    category: 'sandwiches',
    price: 750,
    currency: 'EUR',
    stock: 100,
  },
  {
    id: 'sandwich-veggie',
    name: 'Veggie sandwich',
    category: 'sandwiches',
    price: 700,
    currency: 'EUR',
    stock: 100,
  },
  { id: 'soup-tomato', name: 'Tomato soup', category: 'soups', price: 450, currency: 'EUR', stock: 50 },
  { id: 'drink-lemonade', name: 'Lemonade', category: 'drinks', price: 300, currency: 'EUR', stock: 200 },
  {
    id: 'cookie-choc',
    name: 'Chocolate cookie',
    category: 'desserts',
    price: 200,
    currency: 'EUR',
    stock: 3,
  },
  {
    id: 'cake-limited',
    name: 'Limited cheesecake',
    category: 'desserts',
    price: 550,
    currency: 'EUR',
    stock: 0,
  },
];
