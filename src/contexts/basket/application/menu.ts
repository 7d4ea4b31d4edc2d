import type { ProductRepository } from '../../catalog/index.ts';
import { buildMenu, type MenuCategory } from '../domain/menu.ts';

/** Seed 001's menu-info: the catalog by category, with what is available now. */
export class MenuQuery {
  constructor(private readonly products: Pick<ProductRepository, 'list'>) {}

  async get(): Promise<{ categories: MenuCategory[] }> {
    return { categories: buildMenu(await this.products.list()) };
  }
}
