import { DomainError } from '../../../shared/errors.ts';
import { isMinorUnits } from '../../../shared/money.ts';
import type { Product } from '../domain/product.ts';
import type { ProductRepository } from './ports.ts';

export type ProductInput = Omit<Product, 'id' | 'category'> & { category?: string | undefined };

/** Admins create a product or replace its name, price and stock (`PUT /products/{id}`). */
export class ProductCatalog {
  constructor(
    private readonly products: ProductRepository,
    /** Told of every product this process changed (the availability checker forgets it). */
    private readonly changed: (productId: string) => void = () => {},
  ) {}

  list(): Promise<Product[]> {
    return this.products.list();
  }

  async put(id: string, input: ProductInput): Promise<Product> {
    if (!isMinorUnits(input.price))
      throw new DomainError('VALIDATION_FAILED', 'price must be a non-negative integer');
    if (!isMinorUnits(input.stock))
      throw new DomainError('VALIDATION_FAILED', 'stock must be a non-negative integer');
    const product: Product = {
      id,
      name: input.name,
      category: input.category ?? 'other',
      price: input.price,
      currency: input.currency.toUpperCase(),
      stock: input.stock,
    };
    await this.products.upsert(product);
    this.changed(id);
    return product;
  }
}
