import { Type } from 'typebox';

/** Shared pieces of the HTTP contract (DESIGN.md "HTTP contract (v1)"). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.String(),
    request_id: Type.String(),
  },
  { additionalProperties: true, description: 'application/problem+json' },
);

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));

export const RequestedItemSchema = Type.Object(
  {
    product_id: Type.String({ minLength: 1, maxLength: 100 }),
    quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

export const ItemAvailabilitySchema = Type.Object({
  product_id: Type.String(),
  requested: Type.Integer(),
  available: Type.Integer(),
  is_available: Type.Boolean(),
});

export const AvailabilitySchema = Type.Object({
  all_available: Type.Boolean(),
  items: Type.Array(ItemAvailabilitySchema),
});

export const bearerAuth = [{ bearerAuth: [] }];
