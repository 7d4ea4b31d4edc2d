/** One line of the buyer's basket as the app edits it (the server keeps the basket). */
export interface BasketLine {
  product_id: string;
  quantity: number;
}

/** The server's limit on units of one product in a basket. */
export const MAX_QUANTITY = 99;

/**
 * The basket with `productId` set to `quantity` units: 0 or less removes the line, more than
 * the limit is capped, a new product goes last, the others keep their order.
 */
export function setQuantity(lines: readonly BasketLine[], productId: string, quantity: number): BasketLine[] {
  const wanted = Math.min(Math.max(0, Math.floor(quantity)), MAX_QUANTITY);
  const exists = lines.some((line) => line.product_id === productId);
  if (wanted === 0) return lines.filter((line) => line.product_id !== productId);
  if (!exists) return [...lines, { product_id: productId, quantity: wanted }];
  return lines.map((line) => (line.product_id === productId ? { ...line, quantity: wanted } : line));
}

/** The basket with one more unit of `productId`. */
export function addOne(lines: readonly BasketLine[], productId: string): BasketLine[] {
  const current = lines.find((line) => line.product_id === productId)?.quantity ?? 0;
  return setQuantity(lines, productId, current + 1);
}

/** Units of a product in the basket. */
export const quantityOf = (lines: readonly BasketLine[], productId: string): number =>
  lines.find((line) => line.product_id === productId)?.quantity ?? 0;

/** All units in the basket. */
export const unitCount = (lines: readonly BasketLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity, 0);
