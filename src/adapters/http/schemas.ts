import { Type } from 'typebox';
import { ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** An RFC 9457 problem whose `code` is one of `codes`. */
export const problemSchema = (codes: readonly ErrorCode[]) =>
  Type.Object(
    {
      type: Type.String({ description: 'a URI naming the kind of problem' }),
      title: Type.String(),
      status: Type.Integer({ description: 'the HTTP status, repeated' }),
      code: Type.Unsafe<ErrorCode>({
        type: 'string',
        enum: [...codes],
        description: 'stable code to match on (src/shared/errors.ts)',
      }),
      detail: Type.String({ description: 'for people; do not parse' }),
      instance: Type.String({ description: 'the request path' }),
      request_id: Type.String({ description: 'the id under which the request is logged' }),
    },
    { additionalProperties: true, description: 'Problem details; extension members vary by code' },
  );

/**
 * Error responses for a route, by the codes it can answer: each status gets an
 * `application/problem+json` response whose `code` is one of the listed ones.
 */
export const problemResponses = (...codes: ErrorCode[]) => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CATALOGUE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, listed]) => [status, problemResponse(listed)]),
  ) as Record<number, ReturnType<typeof problemResponse>>;
};

const problemResponse = (codes: readonly ErrorCode[]) => ({
  description: codes.join(', '),
  content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema(codes) } },
});

/** Amounts are integers in the currency's minor units. */
export const MINOR_UNITS = 'integer amount in minor units of the currency (5000 = 50.00 EUR)';

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

/** A success response's schema with the description the OpenAPI document shows for it. */
export const described = <T extends object>(description: string, schema: T): T => ({
  ...schema,
  description,
});
